"""Uploaded media on S3-compatible storage, with documents sent as downloads."""

from storages.backends.s3 import S3Storage

# Documents (patient-form PDFs) are downloaded, never shown inside a page of the bucket's
# origin, and their type is fixed at upload so no browser has to guess it.
DOCUMENT_PARAMETERS = {
    ".pdf": {"ContentDisposition": "attachment", "ContentType": "application/pdf"}
}


def document_parameters(name):
    return DOCUMENT_PARAMETERS.get(name[name.rfind(".") :].lower(), {})


class MediaStorage(S3Storage):
    def get_object_parameters(self, name):
        return {**super().get_object_parameters(name), **document_parameters(name)}
