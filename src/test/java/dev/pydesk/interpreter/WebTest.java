package dev.pydesk.interpreter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pydesk.testing.MainAndWorker;
import dev.pydesk.testing.PageHarness;
import dev.pydesk.testing.PageTest;
import dev.pydesk.testing.Variants;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code pyscript.web} on py and mpy, on the page's main thread and in a worker (whose DOM calls cross to the FX
 * thread): each script logs what it reads into {@code #log}, and the test reads the log and the page's DOM from
 * JavaScript, so a wrapper that only pretends to change the page fails.
 */
@PageTest(scriptTimeoutSeconds = 120)
class WebTest {
    static PageHarness page;
    @TempDir
    Path dir;

    private static final String BODY = """
            <div id="box" class="x y">A<p id="p1" class="item">one</p><p class="item">two</p><p class="item">three</p></div>
            <select id="pick"><option value="1">One</option><option value="2" selected>Two</option></select>
            <form><input id="name" type="text" value="Ada"></form>
            <button id="b">b</button><button class="c" id="c1">c1</button><button class="c" id="c2">c2</button>
            <div id="host"></div>
            <ul id="log"></ul>""";

    private static final String LOG = """
                from pyscript import document, web
                def log(*values):
                    item = document.createElement("li")
                    item.textContent = " ".join(str(value) for value in values)
                    document.getElementById("log").append(item)
            """;

    /** Runs {@code code} (then {@code log("done")}) as a script of the variant ({@code py}, {@code mpy worker}...). */
    private List<String> run(String variant, String code) throws Exception {
        page.open(dir, "web.html", "<!DOCTYPE html><html><head><title>before</title></head><body>\n" + BODY
                + "\n<script type=\"" + Variants.type(variant) + "\"" + (Variants.worker(variant) ? " worker" : "")
                + ">\n" + LOG + code
                + "    log(\"done\")\n</script>\n</body></html>");
        page.waitUntil("the script's last line", Duration.ofSeconds(90),
                () -> page.texts("#log li").contains("done") || !page.errors().isEmpty());
        assertTrue(page.errors().isEmpty(), page.consoleText());
        List<String> log = page.texts("#log li");
        return log.subList(0, log.size() - 1);
    }

    private void waitForLog(int lines) {
        page.waitUntil(lines + " log lines", Duration.ofSeconds(30), () -> page.texts("#log li").size() >= lines);
    }

    @MainAndWorker
    void pageLooksUpFindsAndNavigates(String variant) throws Exception {
        List<String> log = run(variant, """
                    box = web.page["box"]
                    log(type(box).__name__, box.id, web.page["#box"] == box, web.page["missing"])
                    items = web.page.find(".item")
                    log(len(items), [item.id for item in items], items[-1].textContent, len(items[1:]))
                    log(box.find("p")[0].id, box[0].textContent, box["p1"].textContent, box["nope"])
                    log(items[0].parent.id, web.page.body.tag, web.page.html.tag, web.page.head.parent.tag)
                    log(len(box.children), [child.textContent for child in box], type(web.page["pick"]).__name__)
                    web.page.title = "after"
                    log(web.page.title, web.page.find("#nothing-here").elements)
                """);
        assertEquals(List.of("div box True None", "3 ['p1', '', ''] three 2", "p1 one one None", "box body html html",
                "3 ['one', 'two', 'three'] select", "after []"), log);
        assertEquals("after", page.js("document.title"));
    }

    @MainAndWorker
    void elementsAreMadeWithChildrenAttributesClassesAndStyle(String variant) throws Exception {
        List<String> log = run(variant, """
                    card = web.div(
                        web.h2("Title", classes="head"),
                        "<b>bold</b>",
                        web.ElementCollection([web.span("s1"), web.span("s2")]),
                        web.label("Name", for_="name"),
                        web.input_(type="checkbox", checked=True, id="check"),
                        id="card", classes=["a", "b c"], style={"color": "red", "marginTop": "2px"}, title="tip",
                    )
                    log(card.tag, card.id, card.title, card.style["margin-top"], sorted(card.classes))
                    web.page["host"].append(card, " text", 42, [web.br()], document.createElement("hr"))
                    log(type(card["check"]).__name__, card["check"].checked, web.page["host"].children[0] == card)
                    try:
                        card.append(object())
                    except TypeError as error:
                        log("TypeError", error)
                """);
        assertEquals(List.of("div card tip 2px ['a', 'b', 'c']", "input_ True True",
                "TypeError Cannot append object to element."), log);
        assertEquals("<div class=\"a b c\" id=\"card\" title=\"tip\" style=\"color: red; margin-top: 2px;\">"
                + "<h2 class=\"head\">Title</h2><b>bold</b><span>s1</span><span>s2</span><label for=\"name\">Name</label>"
                + "<input type=\"checkbox\" id=\"check\"></div> text42<br><hr>", page.html("#host"));
        assertEquals(true, page.js("document.getElementById('check').checked"));
    }

    @MainAndWorker
    void classesAndStyleAreLiveViews(String variant) throws Exception {
        List<String> log = run(variant, """
                    box = web.page["box"]
                    classes = box.classes
                    log(classes == {"x", "y"}, "x" in classes, len(classes))
                    classes.add("z w")
                    classes.remove("x")
                    classes.remove("never-there")
                    classes.discard("also-never")
                    log(classes.toggle("t"), classes.toggle("t"), classes.contains("z"), classes.replace("w", "v"))
                    document.getElementById("box").classList.add("from-js")
                    log(sorted(classes), sorted(classes | {"extra"}))
                    box.style["background-color"] = "#ff0000"
                    box.style["fontSize"] = "12px"
                    log(box.style["background-color"], box.style["font-size"], sorted(box.style), "color" in box.style)
                    del box.style["font-size"]
                    try:
                        del box.style["font-size"]
                    except KeyError as error:
                        log("KeyError", error)
                    box.classes = ["only"]
                """);
        assertEquals(List.of("True True 2", "True False True True", "['from-js', 'v', 'y', 'z'] "
                + "['extra', 'from-js', 'v', 'y', 'z']", "rgb(255, 0, 0) 12px ['background-color', 'font-size'] False",
                "KeyError 'font-size'"), log);
        assertEquals("only", page.js("document.getElementById('box').className"));
        assertEquals("background-color: rgb(255, 0, 0);", page.js("document.getElementById('box').style.cssText"));
        assertTrue(page.console().stream().anyMatch(e -> e.text().contains("Class 'never-there' not found")),
                page.consoleText());
    }

    @MainAndWorker
    void collectionsIndexSliceAndBroadcast(String variant) throws Exception {
        List<String> log = run(variant, """
                    items = web.page.find(".item")
                    log(items["p1"].id, items["#p1"] == items[0], items["box"], items[:2] == items[0:2], items[:1] == items)
                    items.update_all(classes="done", style={"color": "blue"}, title="t")
                    items.innerHTML = "<i>x</i>"
                    log(items.innerHTML, items.title, items.style["color"], "done" in items.classes)
                    items.classes.add("more")
                    items.classes.remove("item")
                    log(sorted(items.classes), web.page.find("p").find("i").tagName)
                    boxes = web.ElementCollection.wrap_dom_elements(document.querySelectorAll("p"))
                    log(len(boxes), boxes == items)
                """);
        assertEquals(List.of("p1 True None True False", "['<i>x</i>', '<i>x</i>', '<i>x</i>'] ['t', 't', 't'] "
                + "['blue', 'blue', 'blue'] True", "['done', 'more'] ['I', 'I', 'I']", "3 True"), log);
        assertEquals(List.of("done more", "done more", "done more"),
                page.jsonList("Array.from(document.querySelectorAll('#box p')).map(p => p.className)"));
    }

    @MainAndWorker
    void selectOptionsAndFormValues(String variant) throws Exception {
        List<String> log = run(variant, """
                    pick = web.page["pick"]
                    log(len(pick.options), pick.options.selected.value, [o.textContent for o in pick.options])
                    pick.options.add(value="0", html="Zero", before=0)
                    pick.options.add(value="3", text="Three", selected=True)
                    pick.options.add(value="1.5", html="One and a half", before=pick.options[2])
                    log([o.value for o in pick.options], pick.options.selected.textContent, pick.value)
                    pick.options.remove(0)
                    log([o.value for o in pick.options])
                    group = web.optgroup(web.option("g1", value="g1"), label="G")
                    group.options.add(value="g0", html="g0", before=0)
                    log([o.value for o in group.options])
                    name = web.page["name"]
                    log(name.value)
                    name.value = "Grace"
                    pick.options.clear()
                    log(len(pick.options), pick.options.selected)
                """);
        assertEquals(List.of("2 2 ['One', 'Two']", "['0', '1', '1.5', '2', '3'] Three 3", "['1', '1.5', '2', '3']",
                "['g0', 'g1']", "Ada", "0 None"), log);
        assertEquals("Grace", page.js("document.getElementById('name').value"));
    }

    @MainAndWorker
    void eventsReachHandlersGivenEveryWay(String variant) throws Exception {
        run(variant, """
                    from pyscript import Event, when
                    b = web.page["b"]
                    @when("click", web.page["#b"])
                    def with_when(event):
                        log("when", event.target.id)
                    b.on_click = lambda event: log("on_click", event.type)
                    @when(b.on_click)
                    def on_event():
                        log("on_click via when")
                    @when("click", web.page.find(".c"), once=True)
                    def once(event):
                        log("once", event.target.id)
                    made = web.button("made", id="made", on_click=lambda event: log("made", event.target.id))
                    web.page["host"].append(made)
                    for attempt in (lambda: b.on_chicken, lambda: b.get_event("click")):
                        try:
                            attempt()
                        except ValueError as error:
                            log("ValueError", error)
                    log("isinstance", isinstance(b.on_click, web.Event), web.Event is Event)
                """);
        // the second click on c1 finds no listener (once=True); the last click on b shows nothing came after
        for (String id : List.of("b", "c1", "c1", "c2", "made", "b")) {
            page.js("document.getElementById('" + id + "').click()");
        }
        waitForLog(13);
        assertEquals(List.of("ValueError Element has no 'chicken' event.", "ValueError Event names must start with 'on_'.",
                "isinstance True True", "done", "when b", "on_click click", "on_click via when", "once c1", "once c2",
                "made made", "when b", "on_click click", "on_click via when"), page.texts("#log li"),
                page.consoleText());
    }

    @MainAndWorker
    void clonesUpdatesAndErrors(String variant) throws Exception {
        List<String> log = run(variant, """
                    from pyscript.ffi import JsException
                    box = web.page["box"]
                    copy = box.clone()
                    named = box.clone(clone_id="box2")
                    log(copy.id == "", named.id, copy.parent, len(copy.find(".item")), box.id)
                    named.update(classes=["cloned"], style={"border": "1px solid"}, hidden=True)
                    web.page.append(named)
                    named.show_me()
                    log(document.getElementById("box2").hidden, "cloned" in named.classes)
                    for bad in ("#.bad", "p[", "::nope"):
                        try:
                            web.page.find(bad)
                        except JsException as error:
                            log(type(error) is JsException, error)
                    for key in (1.5, None):
                        try:
                            box[key]
                        except TypeError as error:
                            log("TypeError", error)
                    try:
                        web.page[3]
                    except TypeError as error:
                        log("TypeError", error)
                    try:
                        box.no_such_attribute
                    except AttributeError as error:
                        log("AttributeError", error)
                    log(web._wrap_if_not_none(None), web._find_by_id(document, "##p1"), web.page["1digit"])
                """);
        assertEquals(List.of("True box2 None 3 box", "True True", "True SyntaxError: '#.bad' is not a valid selector",
                "True SyntaxError: 'p[' is not a valid selector", "True SyntaxError: '::nope' is not a valid selector",
                "TypeError Element indices must be integers, slices, or strings, not float.",
                "TypeError Element indices must be integers, slices, or strings, not NoneType.",
                "TypeError page[...] takes an element id (a str), not int",
                "AttributeError 'div' element has no attribute 'no_such_attribute'", "None None None"), log);
    }

    @MainAndWorker
    void innerTextFollowsTheSpecAfterBlockChildren(String variant) throws Exception {
        List<String> log = run(variant, """
                    host = web.page["host"]
                    host.append(web.div("hello"), web.div("world"))
                    broken = web.div("a", web.br(), id="broken")
                    web.page.body.append(broken)
                    log(repr(host.innerText), repr(broken.innerText))
                """);
        // WebKit itself adds a line break after the last block child; the spec (and Chromium) does not
        assertEquals("hello\nworld\n", page.js("document.getElementById('host').innerText"));
        assertEquals(List.of("'hello\\nworld' 'a\\n'"), log);
    }

    @MainAndWorker
    void canvasDrawsAndVideoSnapsOnlyToACanvas(String variant) throws Exception {
        List<String> log = run(variant, """
                    source = web.canvas(width=4, height=4, id="source")
                    paint = source.getContext("2d")
                    paint.fillStyle = "rgb(0, 128, 255)"
                    paint.fillRect(0, 0, 4, 4)
                    target = web.canvas(width=8, height=8, id="target")
                    target.draw(source, 8, 8)
                    web.page["host"].append(source, target)
                    log(type(web.page["target"]).__name__, list(target.getContext("2d").getImageData(7, 7, 1, 1).data))
                    clip = web.video(id="clip")
                    for bad in (web.div(), "#box"):
                        try:
                            clip.snap(to=bad)
                        except TypeError as error:
                            log("TypeError", error)
                """);
        assertEquals(List.of("canvas [0, 128, 255, 255]", "TypeError Element to snap to must be a canvas.",
                "TypeError Element to snap to must be a canvas."), log);
    }
}
