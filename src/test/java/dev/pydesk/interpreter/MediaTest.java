package dev.pydesk.interpreter;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.pydesk.testing.MainAndWorker;
import dev.pydesk.testing.PageHarness;
import dev.pydesk.testing.PageTest;
import dev.pydesk.testing.Variants;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code pyscript.media} on PyDesk's web view, which has no {@code navigator.mediaDevices}: no devices, and a clear
 * {@code NotFoundError} where a stream is asked for; and, with a page that provides {@code mediaDevices} itself,
 * PyScript's API over it (device properties, constraints passed on as PyScript builds them).
 */
@PageTest(scriptTimeoutSeconds = 120)
class MediaTest {
    static PageHarness page;
    @TempDir
    Path dir;

    /** A stand-in for a browser's mediaDevices: two devices, and getUserMedia that echoes its constraints. */
    private static final String MEDIA_DEVICES = """
            <script>
              Object.defineProperty(navigator, "mediaDevices", {configurable: true, value: {
                enumerateDevices: async () => [
                  {deviceId: "cam-1", groupId: "g1", kind: "videoinput", label: "USB camera"},
                  {deviceId: "spk-1", groupId: "g2", kind: "audiooutput", label: "Speakers"}],
                getUserMedia: async (constraints) => ({active: true, constraints: JSON.stringify(constraints)}),
              }});
            </script>""";

    @MainAndWorker
    void theWebViewHasNoDevicesAndSaysSoWhenAStreamIsAskedFor(String variant) throws Exception {
        List<String> log = Variants.run(page, dir, variant, """
                from pyscript import media, window
                from pyscript.ffi import JsException
                log(getattr(window.navigator, "mediaDevices", None), await media.list_devices(), await media.list_input_devices())
                for ask in (lambda: media.Device.request_stream(video=True), lambda: media.Device.load(audio=True)):
                    try:
                        await ask()
                    except JsException as error:
                        log("JsException", error)
                log("done")
                """);
        String error = "JsException NotFoundError: no camera or microphone can be reached: PyDesk shows pages in "
                + "JavaFX's WebKit, which has no navigator.mediaDevices. Open the page in a browser to capture audio "
                + "or video.";
        assertEquals(List.of("None [] []", error, error), log, page.consoleText());
    }

    @MainAndWorker
    void devicesAndStreamsGoThroughMediaDevicesWhenThePageHasIt(String variant) throws Exception {
        List<String> log = Variants.run(page, dir, "media.html", variant, MEDIA_DEVICES, "", """
                from pyscript import media
                devices = await media.list_devices()
                for device in devices:
                    log(device.id, device.group, device.kind, device.label, device["label"], repr(device))
                log([device.label for device in await media.list_input_devices()])
                stream = await media.Device.request_stream(video={"width": 640})
                log(stream.active, stream.constraints)
                log((await media.Device.load()).constraints)
                log((await media.Device.request_stream(audio=True, video=False)).constraints)
                log((await devices[0].get_stream()).constraints)
                log("done")
                """);
        assertEquals(List.of("cam-1 g1 videoinput USB camera USB camera <Device videoinput 'USB camera'>",
                "spk-1 g2 audiooutput Speakers Speakers <Device audiooutput 'Speakers'>", "['USB camera']",
                "True {\"audio\":false,\"video\":{\"width\":640}}", "{\"audio\":false,\"video\":true}",
                "{\"audio\":true,\"video\":false}", "{\"audio\":false,\"video\":{\"deviceId\":{\"exact\":\"cam-1\"}}}"),
                log, page.consoleText());
    }
}
