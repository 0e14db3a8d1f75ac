from django.http import Http404


def meeting_detail(request, slug):
    raise Http404
