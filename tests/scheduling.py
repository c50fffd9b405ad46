"""How pytest-xdist shares the suite between its processes: one test file at a time, as
`--dist loadfile` does, except files marked with a common `xdist_group`, which go to one process
together. The files that use the intake world are marked so (tests/conftest.py), and that process
builds the world once for all of them instead of once per file."""

import pytest
from xdist.scheduler import LoadGroupScheduling


class FilesAndGroups(LoadGroupScheduling):
    def _split_scope(self, nodeid: str) -> str:
        # xdist appends "@group" to a grouped test's id; a "]" after it belongs to a parameter.
        if nodeid.rfind("@") > nodeid.rfind("]"):
            return nodeid.rsplit("@", 1)[-1]
        return nodeid.split("::", 1)[0]


@pytest.hookimpl(optionalhook=True)
def pytest_xdist_make_scheduler(config, log):
    if config.getvalue("dist") == "loadgroup":
        return FilesAndGroups(config, log)
    return None
