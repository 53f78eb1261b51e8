"""An application-level cap on uploads, before Django reads a body into memory or a temporary file.

Without it a 30 MB file part sent to any form (even one that takes no file, such as /needs/submit/) is read in
full before the view can refuse it. The first upload handler refuses a request whose declared body is larger
than NOC_MAX_REQUEST_SIZE before reading a byte, and stops any one file part at NOC_MAX_UPLOAD_SIZE bytes; the
visitor gets a Russian page saying how large a file may be (413). nginx's client_max_body_size is the first
line (docs/operations.md); this one holds when the site runs without it.
"""
from django.conf import settings
from django.core.exceptions import RequestDataTooBig
from django.core.files.uploadhandler import FileUploadHandler


class UploadTooLarge(RequestDataTooBig):
    """Turned into a 413 page by ops.views.bad_request (Django hands every RequestDataTooBig to handler400)."""


class CappedUploadHandler(FileUploadHandler):
    def handle_raw_input(self, input_data, META, content_length, boundary, encoding=None):
        if content_length and content_length > settings.NOC_MAX_REQUEST_SIZE:
            raise UploadTooLarge(f"Request body of {content_length} bytes refused before reading")

    def new_file(self, *args, **kwargs):
        super().new_file(*args, **kwargs)
        self.received = 0

    def receive_data_chunk(self, raw_data, start):
        self.received += len(raw_data)
        if self.received > settings.NOC_MAX_UPLOAD_SIZE:
            raise UploadTooLarge(f"File part {self.file_name!r} over {settings.NOC_MAX_UPLOAD_SIZE} bytes")
        return raw_data  # the next handler (memory or temporary file) stores it

    def file_complete(self, file_size):
        return None
