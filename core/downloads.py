"""Document files sent by nginx in front once Django has allowed them (DOCUMENT_DOWNLOADS=nginx).

A backend of Wagtail's document serve view (``SENDFILE_BACKEND``): the view still checks that the document
may be seen (privacy, a live page or publication using it) and sets its headers; this answers with an
``X-Accel-Redirect`` to deploy/nginx's internal ``/_documents/`` location instead of the file, so no worker
spends its time streaming it.
"""

from pathlib import Path
from urllib.parse import quote

from django.conf import settings
from django.http import HttpResponse

INTERNAL_LOCATION = "/_documents/"


def sendfile(request, filename, **kwargs):
    relative = Path(filename).relative_to(Path(settings.MEDIA_ROOT) / "documents")
    response = HttpResponse()
    response["X-Accel-Redirect"] = INTERNAL_LOCATION + quote(relative.as_posix())
    return response
