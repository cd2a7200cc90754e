"""`pyscript.media`: cameras, microphones and speakers, PyScript's API (`Device`, `list_devices()`,
`Device.request_stream()`, `Device.load()`, `device.get_stream()`).

PyDesk shows pages in JavaFX's WebKit, which has no `navigator.mediaDevices`: no page can reach a camera or a
microphone there. So `list_devices()` answers with what the page can use, an empty list (a valid answer in a
browser too, on a machine with no devices), and asking for a stream raises a `JsException` named `NotFoundError`, as
a browser's `getUserMedia` does when no device matches, with a message that says why. Should the web view gain
`navigator.mediaDevices`, these calls go to it unchanged.
"""

from pyscript.context import window
from pyscript.ffi import JsException, to_js

__all__ = ["Device", "list_devices", "list_input_devices"]

_NO_MEDIA = ("NotFoundError: no camera or microphone can be reached: PyDesk shows pages in JavaFX's WebKit, "
             "which has no navigator.mediaDevices. Open the page in a browser to capture audio or video.")


def _media_devices():
    navigator = window.navigator
    return getattr(navigator, "mediaDevices", None) if navigator is not None else None


class Device:
    """A media input or output device (a browser's MediaDeviceInfo): `id`, `group`, `kind` ("videoinput",
    "audioinput" or "audiooutput"), `label`; `device["id"]` works too."""

    def __init__(self, device):
        self._device_info = device

    @property
    def id(self):
        return self._device_info.deviceId

    @property
    def group(self):
        return self._device_info.groupId

    @property
    def kind(self):
        return self._device_info.kind

    @property
    def label(self):
        return self._device_info.label

    def __getitem__(self, key):
        return getattr(self, key)

    def __repr__(self):
        return f"<Device {self.kind} {self.label!r}>"

    @classmethod
    async def request_stream(cls, audio=False, video=True):
        """A MediaStream with the `audio` and `video` asked for (booleans, or dicts of MediaTrackConstraints)."""
        options = {}
        for kind, wanted in (("audio", audio), ("video", video)):
            if isinstance(wanted, (bool, dict)):
                options[kind] = wanted
        devices = _media_devices()
        if devices is None:
            raise JsException(_NO_MEDIA)
        return await devices.getUserMedia(to_js(options))

    @classmethod
    async def load(cls, audio=False, video=True):
        """Deprecated in PyScript: `request_stream()`."""
        return await cls.request_stream(audio=audio, video=video)

    async def get_stream(self):
        """A MediaStream from this very device."""
        media_type = self.kind.replace("input", "").replace("output", "")
        return await self.request_stream(**{media_type: {"deviceId": {"exact": self.id}}})


async def list_devices():
    """The media devices the page can use (none in PyDesk's web view: see the module's docstring)."""
    devices = _media_devices()
    if devices is None:
        return []
    return [Device(info) for info in await devices.enumerateDevices()]


async def list_input_devices():
    """The cameras and microphones the page can use (earlier PyScript releases had this name)."""
    return [device for device in await list_devices() if device.kind.endswith("input")]
