package dev.pydesk.bridge;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import netscape.javascript.JSObject;

/**
 * Which member names of a DOM class are its methods. WebKit hands DOM nodes to Java as objects of one class per DOM
 * interface ({@code HTMLDivElementImpl}, {@code HTMLDocumentImpl}, ...), so the Java class is the node's shape: a
 * name that is a plain function property of its prototype chain ({@code getElementById}, {@code appendChild}) is a
 * method of every node of that class, and reading it from Python need not cross into JavaScript at all (the call
 * itself looks the function up by name). Any other name is read directly each time. Other JavaScript objects all
 * share one Java class and are never remembered.
 */
final class DomShapes {
    private static final Map<Class<?>, Map<String, Boolean>> METHODS = new ConcurrentHashMap<>();

    private DomShapes() {}

    /** Whether {@code js}'s class is a DOM class whose members can be remembered. */
    static boolean remembered(JSObject js) {
        return js instanceof org.w3c.dom.Node;
    }

    /** TRUE: a method of the class; FALSE: not a method; null: not known yet (or not a DOM class). */
    static Boolean isMethod(JSObject js, String name) {
        Map<String, Boolean> known = METHODS.get(js.getClass());
        return known == null ? null : known.get(name);
    }

    static void learn(JSObject js, String name, boolean method) {
        METHODS.computeIfAbsent(js.getClass(), key -> new ConcurrentHashMap<>()).put(name, method);
    }
}
