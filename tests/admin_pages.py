"""Reading admin pages the way a browser would, for tests that post the forms they render."""

from html.parser import HTMLParser

MEETINGS = "/admin/meetings/meeting/"


def change_url(meeting) -> str:
    return f"{MEETINGS}{meeting.pk}/change/"


class _SubmittedValues(HTMLParser):
    """What a browser would submit from the page's forms, leaving out blank inline templates."""

    def __init__(self):
        super().__init__()
        self.data: dict[str, list[str]] = {}
        self._select = None
        self._textarea = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        name = attrs.get("name") or ""
        wanted = bool(name) and "__prefix__" not in name
        if tag == "input" and wanted:
            kind = attrs.get("type", "text")
            if kind in ("submit", "button", "image", "reset", "file"):
                return
            if kind in ("checkbox", "radio"):
                if "checked" in attrs:
                    self.data.setdefault(name, []).append(attrs.get("value") or "on")
                return
            self.data.setdefault(name, []).append(attrs.get("value") or "")
        elif tag == "select":
            self._select = {"name": name if wanted else None, "multiple": "multiple" in attrs}
            self._select.update(chosen=[], first=None)
        elif tag == "option" and self._select is not None:
            value = attrs.get("value") or ""
            if self._select["first"] is None:
                self._select["first"] = value
            if "selected" in attrs:
                self._select["chosen"].append(value)
        elif tag == "textarea" and wanted:
            self._textarea = (name, [])

    def handle_data(self, data):
        if self._textarea is not None:
            self._textarea[1].append(data)

    def handle_endtag(self, tag):
        if tag == "select" and self._select is not None:
            select, self._select = self._select, None
            if select["name"]:
                chosen = select["chosen"]
                if not chosen and not select["multiple"] and select["first"] is not None:
                    chosen = [select["first"]]
                self.data[select["name"]] = chosen
        elif tag == "textarea" and self._textarea is not None:
            name, parts = self._textarea
            self._textarea = None
            # Browsers drop the newline that follows <textarea>; Django's widget writes one.
            self.data[name] = ["".join(parts).removeprefix("\n")]


def submitted_values(response) -> dict[str, list[str]]:
    parser = _SubmittedValues()
    parser.feed(response.content.decode())
    return parser.data
