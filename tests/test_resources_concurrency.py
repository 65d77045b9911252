"""The training library's download counter under concurrent requests (PostgreSQL).

Apart from tests/test_resources.py: the other requests run on their own connections
and see committed rows only, while that module's tests run inside one transaction
around the whole module (``module_data``), still open when a transactional test of the
same module runs."""

import threading

import pytest
from django.db import connection, connections
from django.test import Client

from resources.models import DocumentDownload
from tests.test_resources import add_kit, build_library, make_document, media  # noqa: F401


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_concurrent_downloads_are_counted_exactly(homes):
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL")
    document = make_document("Eşzamanlı")
    kit, _ = add_kit(build_library(homes), "Kit", "kit", documents=[document], translated=False)
    url = f"/tr/egitim-kutuphanesi/kit/download/{document.pk}/"
    threads, per_thread, errors = 8, 5, []
    barrier = threading.Barrier(threads)

    def worker():
        try:
            client = Client()
            barrier.wait()
            for _ in range(per_thread):
                response = client.get(url)
                if response.status_code != 200:
                    errors.append(response.status_code)
                b"".join(response.streaming_content)
        except Exception as error:  # noqa: BLE001
            errors.append(error)
        finally:
            connections.close_all()

    pool = [threading.Thread(target=worker) for _ in range(threads)]
    for thread in pool:
        thread.start()
    for thread in pool:
        thread.join()
    assert errors == []
    rows = DocumentDownload.objects.filter(kit=kit, document=document)
    assert rows.count() == 1
    assert rows.get().count == threads * per_thread
