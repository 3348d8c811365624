(function (js, wasm) {
	// Hydrates on the first gesture; until then the page is the server's HTML. What the
	// gesture meant is replayed once the client runs (see hydration.rs).
	const kinds = ["pointerdown", "touchstart", "keydown", "focusin", "click", "input", "change"];
	const pending = [];
	let state = "waiting";
	const body = () => document.body;
	function start() {
		if (state !== "waiting") return;
		state = "loading";
		body() && body().setAttribute("data-hydrating", "true");
		import(js)
			.then((mod) => mod.default({ module_or_path: wasm }).then(() => {
				mod.hydrate();
				state = "done";
				for (const k of kinds) document.removeEventListener(k, seen, true);
				// After the client's first effects (they run as microtasks).
				setTimeout(() => { for (const e of pending.splice(0)) replay(e); }, 0);
			}))
			.catch((err) => {
				state = "waiting";
				console.warn("the page's client did not load:", err);
			});
	}
	function seen(ev) {
		if (state === "done") return;
		start();
		const t = ev.target;
		if (!(t instanceof Element)) return;
		if (ev.type === "keydown" && !["Shift", "Control", "Alt", "Meta", "Tab"].includes(ev.key)) {
			pending.push({ kind: "key", t, key: ev.key, code: ev.code });
		} else if (ev.type === "click") {
			const b = t.closest("button, [role=button]");
			if (b) pending.push({ kind: "click", t: b });
		} else if (ev.type === "input" || ev.type === "change") {
			pending.push({ kind: ev.type, t });
		}
	}
	function replay(e) {
		if (!e.t.isConnected) return;
		if (e.kind === "click") e.t.click();
		else if (e.kind === "key")
			e.t.dispatchEvent(new KeyboardEvent("keydown", { key: e.key, code: e.code, bubbles: true }));
		else e.t.dispatchEvent(new Event(e.kind, { bubbles: true }));
	}
	for (const k of kinds) document.addEventListener(k, seen, { capture: true, passive: true });
	document.documentElement.setAttribute("data-hydrate", "on-interaction");
})
