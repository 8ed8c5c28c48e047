"""Uploads on S3-compatible object storage, against a real S3 API (moto's server on loopback): what every app node
of a multi-node deployment reads (docs/deployment.md). Images are linked from the store; documents are handed out
by Wagtail's serve view as a redirect to an address signed for seconds, after the app's checks."""

import re
import urllib.error
import urllib.request
from urllib.parse import parse_qs, urlsplit

import boto3
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from wagtail.documents import get_document_model

from deploy import stack

from .factories import PDF_BYTES, make_document, make_publication, make_site_tree


def stored_keys(endpoint):
    client = boto3.client("s3", endpoint_url=endpoint, region_name="us-east-1", **stack.S3_CREDENTIALS)
    return {item["Key"] for item in client.list_objects_v2(Bucket="unodc-media").get("Contents", [])}


def fetch(url):
    try:
        with urllib.request.urlopen(url, timeout=10) as response:  # noqa: S310 - the local S3 server
            return response.status, response.headers, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.headers, error.read()


def test_an_editors_uploads_are_stored_in_the_bucket(s3_bucket, admin_client, db):
    make_site_tree()
    upload = {
        "title": "Global Report",
        "file": SimpleUploadedFile("global-report.pdf", PDF_BYTES, content_type="application/pdf"),
        "collection": 1,
    }
    assert admin_client.post(reverse("wagtaildocs:add"), upload).status_code == 302
    document = get_document_model().objects.get(title="Global Report")
    assert document.file.name in stored_keys(s3_bucket)
    assert document.file_size == len(PDF_BYTES)


def test_pages_link_images_and_renditions_from_the_store(s3_bucket, client, db):
    make_site_tree()
    publication = make_publication(title="Annual report")
    html = client.get(publication.get_url()).content.decode()
    sources = re.findall(r'src="([^"]+)"', html)
    stored = [source for source in sources if source.startswith(f"{s3_bucket}/unodc-media/images/")]
    assert stored, sources  # the cover's rendition, made by the app and written to the store
    status, headers, body = fetch(stored[0])
    assert status == 200 and headers["Content-Type"].startswith("image/") and body
    assert {key for key in stored_keys(s3_bucket) if key.startswith("original_images/")}


def test_documents_are_sent_by_the_store_through_a_signed_address_once_the_app_allows_them(s3_bucket, client, db):
    make_site_tree()
    document = make_document("Annual report", name="annual-report.pdf")
    publication = make_publication(title="Annual report", document=document)

    response = client.get(document.url)
    assert response.status_code == 302
    address = response["Location"]
    assert address.startswith(f"{s3_bucket}/unodc-media/documents/annual-report")
    query = parse_qs(urlsplit(address).query)
    assert query["X-Amz-Expires"] == ["60"] and query["X-Amz-Signature"]
    assert "public" not in response.get("Cache-Control", "")  # a signed address is never kept by a shared cache
    assert fetch(address)[2] == PDF_BYTES
    unsigned = address.split("?")[0]
    assert fetch(unsigned)[0] == 403  # the file itself is private: only the app's signed addresses reach it

    publication.unpublish()
    assert client.get(document.url).status_code == 404  # no new address once withdrawn
