"""Media on S3-compatible object storage (django-storages), chosen by the environment.

Images (originals and renditions) are public: their URLs are plain, so pages that show
them can be cached for as long as the page. Documents are not: their URL is a signed
one that expires after ``AWS_QUERYSTRING_EXPIRE`` seconds, and it is only ever handed
out by Wagtail's serve view after its permission check (WAGTAILDOCS_SERVE_METHOD =
"redirect"). Images are uploaded public-read; documents stay private to the bucket's
owner (or, without ACLs, the bucket's policy must grant public read to ``images/`` and
``original_images/`` only)."""

from django.conf import settings
from django.core.exceptions import SuspiciousOperation
from storages.backends.s3 import S3Storage
from storages.utils import clean_name, safe_join


class MediaStorage(S3Storage):
    private_prefixes = ("documents/",)

    def is_private(self, name):
        return clean_name(name).startswith(self.private_prefixes)

    def get_object_parameters(self, name):
        """Public files are uploaded readable by anyone (``MEDIA_PUBLIC_ACL``, public-read;
        set it empty where the bucket's policy grants that instead), documents never."""
        parameters = super().get_object_parameters(name)
        acl = getattr(settings, "MEDIA_PUBLIC_ACL", "public-read")
        if acl and not self.is_private(name):
            parameters["ACL"] = acl
        return parameters

    def object_key(self, name):
        """The bucket key of ``name``, as S3Storage makes it: under ``location``, and never
        outside it."""
        name = clean_name(name)
        try:
            return safe_join(self.location, name)
        except ValueError as error:
            raise SuspiciousOperation(f"Attempted access to '{name}' denied.") from error

    def url(self, name, parameters=None, expire=None, http_method=None):
        if self.is_private(name):
            return super().url(name, parameters, expire, http_method)
        key = self.object_key(name)
        domain = getattr(settings, "MEDIA_PUBLIC_DOMAIN", "")
        if domain:
            from django.utils.encoding import filepath_to_uri

            return f"https://{domain}/{filepath_to_uri(key)}"
        return self.unsigned_connection.meta.client.generate_presigned_url(
            "get_object", Params={"Bucket": self.bucket.name, "Key": key}
        )
