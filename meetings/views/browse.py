from django.http import HttpResponse


def home(request):
    return HttpResponse("Summitry")


def meeting_list(request):
    return HttpResponse("Meetings")
