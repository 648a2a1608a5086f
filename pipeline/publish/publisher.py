"""Who publishes a document and on what terms: the project's publisher
settings, with the document's own front matter over them (pure)."""

from __future__ import annotations

from ..errors import LocpipeError

# Front-matter fields by which a document names its own publisher and terms
# (an NCI leaflet among MSK's is NCI's, in the public domain).
PUBLISHER_FIELDS = ("publisher", "rights", "policy_url", "source_url", "document_id")


def document_publisher(publisher: dict, document, source: bytes) -> dict:
    """The project's publisher settings with the document's own front matter
    over them; addresses must be web addresses (they become links)."""
    own = {key: document.metadata[key] for key in PUBLISHER_FIELDS if document.metadata.get(key) not in (None, "")}
    if isinstance(own.get("document_id"), int) and not isinstance(own["document_id"], bool):
        own["document_id"] = str(own["document_id"])  # document_id: 4521
    for key, value in own.items():
        if not isinstance(value, str) or key.endswith("_url") and not value.startswith(("https://", "http://")):
            line = next((number for number, text in enumerate(source.decode("utf-8", "replace").splitlines(), 1)
                         if text.startswith(f"{key}:")), None)
            kind = "a web address (https://...)" if key.endswith("_url") else "text"
            raise LocpipeError(f"front matter '{key}' must be {kind}", document.path, line)
    merged = {**publisher, "source_url": "", "document_id": document.slug,
              **{("name" if key == "publisher" else key): value for key, value in own.items()}}
    if own.get("publisher", publisher["name"]) != publisher["name"]:
        # another publisher's document: the project's own rights line and policy are not its
        merged.update({key: own.get(key, "") for key in ("rights", "policy_url")})
    return merged
