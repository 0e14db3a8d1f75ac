"""The API's 400 answer: the reasons a request cannot be answered, worded as the list page
words them."""

from rest_framework import status
from rest_framework.exceptions import APIException


class InvalidParameters(APIException):
    status_code = status.HTTP_400_BAD_REQUEST
    default_code = "invalid"

    def __init__(self, errors: list[str]):
        super().__init__()
        self.errors = [str(error) for error in errors]
        self.detail = {"errors": self.errors}
