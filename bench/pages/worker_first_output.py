from pyscript import display, document, window

display("worker up", target="out")
document.getElementById("result").textContent = f"t_since_nav_ms={window.performance.now()}"
