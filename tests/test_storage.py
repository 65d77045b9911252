"""Media on S3-compatible object storage, against a real S3 API server (moto in server
mode, started here): images with plain public URLs, documents only through Wagtail's
serve view, which checks the visitor first and then hands out a signed URL that
expires."""

import urllib.error
import urllib.parse
import urllib.request

import boto3
import pytest
from moto.server import ThreadedMotoServer

from tests.support.media import PDF, make_document, make_image, private_collection

BUCKET = "site-media"
KEYS = {"access_key": "testing", "secret_key": "testing"}


@pytest.fixture(scope="module")
def s3_server():
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=0)
    server.start()
    host, port = server.get_host_and_port()
    yield f"http://{host}:{port}"
    server.stop()


@pytest.fixture
def object_storage(s3_server, settings):
    client = boto3.client(
        "s3",
        endpoint_url=s3_server,
        region_name="us-east-1",
        aws_access_key_id=KEYS["access_key"],
        aws_secret_access_key=KEYS["secret_key"],
    )
    client.create_bucket(Bucket=BUCKET)
    # As website/settings/production.py sets them when S3_BUCKET is given.
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {
            "BACKEND": "website.storage.MediaStorage",
            "OPTIONS": {
                "bucket_name": BUCKET,
                "endpoint_url": s3_server,
                "region_name": "us-east-1",
                **KEYS,
                "querystring_auth": True,
                "querystring_expire": 60,
                "file_overwrite": False,
                "default_acl": None,
                "addressing_style": "path",
                "signature_version": "s3v4",
            },
        },
    }
    settings.WAGTAILDOCS_SERVE_METHOD = "redirect"
    yield client
    for item in client.list_objects_v2(Bucket=BUCKET).get("Contents", []):
        client.delete_object(Bucket=BUCKET, Key=item["Key"])
    client.delete_bucket(Bucket=BUCKET)


def download(url):
    with urllib.request.urlopen(url, timeout=10) as response:
        return response.read()


@pytest.mark.django_db
def test_images_are_stored_in_the_bucket_with_public_urls(object_storage, s3_server):
    image = make_image()
    rendition = image.get_rendition("width-120")
    keys = [o["Key"] for o in object_storage.list_objects_v2(Bucket=BUCKET)["Contents"]]
    assert any(key.startswith("original_images/") for key in keys)
    assert any(key.startswith("images/") for key in keys)
    # A plain URL (no signature to expire inside a cached page).
    assert rendition.url.startswith(f"{s3_server}/{BUCKET}/images/")
    assert "Signature" not in rendition.url and "?" not in rendition.url
    assert download(rendition.url)[:2] == b"\xff\xd8"


@pytest.mark.django_db
def test_private_documents_get_a_short_lived_signed_url_after_the_check(
    object_storage, s3_server, client, django_user_model
):
    secret = PDF + b"% trainers only\n"
    document = make_document("Eğitmen notları", body=secret, collection=private_collection())
    assert document.file.name.startswith("documents/")
    # The page links to Wagtail's serve view, never to the bucket.
    assert document.url.startswith("/documents/")

    refused = client.get(document.url)
    assert refused.status_code == 302 and "/tr/egitmenler/giris/" in refused["Location"]
    assert s3_server not in refused["Location"]

    editor = django_user_model.objects.create_superuser("trainer", "t@example.org", "pw")
    client.force_login(editor)
    answer = client.get(document.url)
    assert answer.status_code == 302
    assert "private" in answer["Cache-Control"]  # a shared cache never keeps the link
    signed = answer["Location"]
    assert signed.startswith(f"{s3_server}/{BUCKET}/documents/")
    query = urllib.parse.parse_qs(urllib.parse.urlsplit(signed).query)
    assert query["X-Amz-Expires"] == ["60"] and "X-Amz-Signature" in query
    assert download(signed) == secret
    # Without the signature the bucket refuses it: a leaked plain URL opens nothing.
    with pytest.raises(urllib.error.HTTPError) as unsigned:
        download(signed.split("?")[0])
    assert unsigned.value.code == 403
