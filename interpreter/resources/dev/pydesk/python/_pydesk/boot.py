# Evaluated once per interpreter while it is prepared, before any page is known: makes PyDesk's Python modules
# importable (served by the Java host from the application's resources, never from the page's folder).
def _pydesk_install(modules):
    import sys
    from importlib.machinery import ModuleSpec

    class PyDeskModules:
        """Finds and loads PyDesk's own modules (pyscript, js, _pydesk) from the host."""

        @classmethod
        def find_spec(cls, fullname, path=None, target=None):
            kind = modules.kind(fullname)
            if kind is None:
                return None
            return ModuleSpec(fullname, cls, origin=f"pydesk:{fullname}", is_package=(kind == "package"))

        @classmethod
        def create_module(cls, spec):
            return None

        @classmethod
        def exec_module(cls, module):
            source = modules.source(module.__name__)
            exec(compile(source, module.__spec__.origin, "exec"), module.__dict__)

    sys.meta_path.insert(0, PyDeskModules)
    import _pydesk
    import _pydesk.runner
