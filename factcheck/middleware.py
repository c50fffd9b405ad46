"""Request checks that hold for every page and endpoint."""

from django.core.exceptions import BadRequest

from factcheck.api import bad_request


class RejectNulCharactersMiddleware:
    """PostgreSQL text cannot hold a NUL character, and a query-string value reaches the database
    unchecked wherever no form reads it first (the admin's list filters: `?status=%00`), where it
    fails as a 500. Refused here, once, as the bad request it is: answered directly rather than
    raised, since Django logs a raised BadRequest as an error with its traceback (and with DEBUG
    on, answers it with the traceback page), which a client's bad input should not produce."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        for name, values in request.GET.lists():
            if "\x00" in name or any("\x00" in value for value in values):
                return bad_request(
                    request, BadRequest("A request parameter holds a NUL character.")
                )
        return self.get_response(request)
