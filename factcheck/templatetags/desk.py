from django import template

from factcheck.desk import desk_counts

register = template.Library()


@register.simple_tag(takes_context=True)
def desk_tiles(context):
    return desk_counts(user=context["request"].user)
