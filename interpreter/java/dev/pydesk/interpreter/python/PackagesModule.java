package dev.pydesk.interpreter.python;

import org.graalvm.polyglot.HostAccess;
import org.graalvm.polyglot.proxy.ProxyArray;

/** {@code _pydesk.packages}: installed packages on {@code sys.path}, {@code py_import}. */
@HostAccess.Implementable
public interface PackagesModule {
    /** Puts installed package folders at the front of {@code sys.path}, in their order. */
    void add(ProxyArray folders);
}
