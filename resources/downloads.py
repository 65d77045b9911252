"""Serving a kit's documents: counted single downloads and the streamed whole-kit zip.

Who may download a restricted (trainers-only) document is decided in one place,
``trainers.access.ReaderAccess``: single downloads go through Wagtail's own document
serve view, whose ``before_serve_document`` hook asks it, and the zip asks it for each
document. The count is taken only when a file is actually served."""

import os
import re

from django.http import Http404, StreamingHttpResponse
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.cache import add_never_cache_headers, patch_cache_control
from django.utils.http import content_disposition_header
from django.utils.translation import gettext
from wagtail.documents import get_document_model
from wagtail.documents.views.serve import serve as wagtail_serve_document
from zipstream import ZIP_STORED, ZipStream

from bilingual.text import turkish_slugify
from trainers.access import ReaderAccess, restricted_collection_ids
from trainers.access import record_download as record_trainer_download

CHUNK_SIZE = 64 * 1024


def kit_documents(kit, request=None):
    """The kit's modules, each with its documents decorated for display (download URL,
    privacy, whether this reader may download it), and whether the reader may download
    any document (for the whole-kit zip button)."""
    access = ReaderAccess(request) if request is not None else None
    private_ids = access.restricted_ids if access else restricted_collection_ids()
    base_url = kit.get_url(request) or ""
    modules = []
    has_public = False
    seen = set()
    for block in kit.modules:
        documents = []
        for document in block.value.get("documents") or []:
            if document is None:  # chosen document deleted since
                continue
            document.is_private = document.collection_id in private_ids
            document.can_download = not document.is_private or bool(
                access and access.allows(document, kit)
            )
            try:
                document.display_size = document.get_file_size()
            except OSError:  # file missing on disk
                document.display_size = None
            document.download_url = base_url + kit.reverse_subpage(
                "download", args=[document.pk]
            ).lstrip("/")
            if document.can_download and document.pk not in seen:
                has_public = True
            seen.add(document.pk)
            documents.append(document)
        modules.append({"value": block.value, "documents": documents})
    return modules, has_public


def file_exists(document):
    try:
        return bool(document.file.name) and document.file.storage.exists(document.file.name)
    except (OSError, ValueError):
        return False


def serve_kit_document(request, kit, document_id):
    document = get_document_model().objects.filter(pk=document_id).first()
    if document is None or not file_exists(document):
        raise Http404
    response = wagtail_serve_document(request, document.pk, document.filename)
    if response.status_code == 200:
        kit.count_download(document)
        record_trainer_download(request, kit, document, route="module")
    # A shared cache must not answer this URL, or downloads would go uncounted.
    add_never_cache_headers(response)
    return response


def zip_filename(kit):
    """A stable name in the page's language: the slugified title and the version."""
    version = re.sub(r"[^0-9A-Za-z.]+", "-", kit.version or "").strip("-.")
    stem = turkish_slugify(kit.title, "kit")
    return f"{stem}-v{version}.zip" if version else f"{stem}.zip"


def public_kit_documents(kit, access=None):
    """(arcname, document) for every document of the kit whose file exists and that
    ``access`` allows (without one, the public documents only)."""
    ids = kit.document_ids()
    if not ids:
        return []
    private_ids = access.restricted_ids if access else restricted_collection_ids()
    documents = get_document_model().objects.in_bulk(ids)
    entries, used = [], set()
    module_titles = {}
    for position, child in enumerate(kit.modules.raw_data, start=1):
        value = child.get("value") or {}
        for item in value.get("documents") or []:
            doc_id = item.get("value") if isinstance(item, dict) else item
            module_titles.setdefault(doc_id, (position, value.get("title") or ""))
    for doc_id in ids:
        document = documents.get(doc_id)
        if document is None:
            continue
        if document.collection_id in private_ids and not (access and access.allows(document, kit)):
            continue
        if not file_exists(document):
            continue
        position, title = module_titles.get(doc_id, (0, ""))
        folder = f"{position:02d}-{turkish_slugify(title, 'module')}"
        extension = os.path.splitext(document.file.name)[1].lower()
        name = turkish_slugify(document.title, "document") + extension
        arcname = f"{folder}/{name}"
        counter = 2
        while arcname in used:
            stem, ext = os.path.splitext(name)
            arcname = f"{folder}/{stem}-{counter}{ext}"
            counter += 1
        used.add(arcname)
        entries.append((arcname, document))
    return entries


def _read_chunks(document):
    with document.file.storage.open(document.file.name, "rb") as handle:
        while chunk := handle.read(CHUNK_SIZE):
            yield chunk


def kit_readme(request, kit, entries):
    """``(file name, bytes)`` of the zip's first file, in the kit's language: what the kit
    is, its version, licence and source, the files it holds, and the EU funding
    statement with its disclaimer (a zip forwarded alone still says where it is from)."""
    from home.models import SiteProfile

    with translation.override(kit.locale.language_code):
        text = render_to_string(
            "resources/zip/readme.txt",
            {
                "kit": kit,
                "kit_url": request.build_absolute_uri(kit.get_url(request)),
                "entries": entries,
                "profile": SiteProfile.objects.for_active_language().first(),
            },
        )
        name = gettext("README.txt")
    # Windows' Notepad reads UTF-8 without a byte-order mark as another code page.
    return name, "\ufeff".encode() + text.replace("\n", "\r\n").encode()


def stream_kit_zip(request, kit):
    """Every document of the kit this reader may download as one zip, streamed file by
    file: memory use stays at a few chunks whatever the kit's size. Trainers' zips hold
    their restricted modules too, so no shared cache may keep a signed-in reader's zip."""
    access = ReaderAccess(request)
    entries = public_kit_documents(kit, access)
    if not entries:
        raise Http404
    stream = ZipStream(compress_type=ZIP_STORED, sized=True)
    readme_name, readme = kit_readme(request, kit, entries)
    stream.add(readme, readme_name)
    for arcname, document in entries:
        stream.add(_read_chunks(document), arcname, size=document.file.size)
    response = StreamingHttpResponse(iter(stream), content_type="application/zip")
    response["Content-Disposition"] = content_disposition_header(True, zip_filename(kit))
    if stream.sized:
        response["Content-Length"] = str(len(stream))
    response["X-Content-Type-Options"] = "nosniff"
    if access.signed_in:
        patch_cache_control(response, private=True, no_store=True)
    record_trainer_download(request, kit, route="zip")
    return response
