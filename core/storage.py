"""Uploads in S3-compatible object storage (AWS_STORAGE_BUCKET_NAME), shared by every app node.

Images and their renditions are linked at their plain addresses (the bucket, or the CDN of AWS_S3_CUSTOM_DOMAIN,
lets anyone read them). Documents are not: a private or withdrawn publication's file must not be reachable, so a
document's address is signed and expires within DOCUMENT_LINK_SECONDS, and only Wagtail's serve view hands one out,
as a redirect, once it has checked the document may be seen (DOCUMENT_DOWNLOADS=storage). The file then comes from
the store itself: no app worker streams it.
"""

from storages.backends.s3 import S3Storage
from storages.utils import clean_name

SIGNED_PREFIXES = ("documents/",)  # where Wagtail's documents are uploaded


class MediaStorage(S3Storage):
    def url(self, name, parameters=None, expire=None, http_method=None):
        if not clean_name(name).startswith(SIGNED_PREFIXES):
            return super().url(name, parameters, expire, http_method)
        # Signed by the store itself, never through the custom domain, whose addresses are public.
        params = {**(parameters or {}), "Bucket": self.bucket.name, "Key": self._normalize_name(clean_name(name))}
        return self.connection.meta.client.generate_presigned_url(
            "get_object", Params=params, ExpiresIn=expire or self.querystring_expire, HttpMethod=http_method
        )
