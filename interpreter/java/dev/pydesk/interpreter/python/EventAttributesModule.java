package dev.pydesk.interpreter.python;

import org.graalvm.polyglot.HostAccess;
import org.graalvm.polyglot.Value;

/** {@code _pydesk.event_attributes}: {@code py-click="name"} attributes. */
@HostAccess.Implementable
public interface EventAttributesModule {
    /** The JavaScript function the page calls for an event on an element with such an attribute. */
    Value dispatcher();
}
