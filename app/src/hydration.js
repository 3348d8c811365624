(function (js, wasm) {
	// Hydrates on the first gesture; until then the page is the server's HTML. What the
	// gesture meant is replayed once the client runs (see hydration.rs). A touch that
	// starts a scroll is no gesture here: on touch screens a tap (its click) is.
	const kinds = ["pointerdown", "keydown", "focusin", "click", "input", "change"];
	const pending = [];
	let state = "waiting";
	function start() {
		if (state !== "waiting") return;
		state = "loading";
		document.documentElement.setAttribute("data-hydrating", "true");
		import(tries ? js + "?retry=" + tries : js)
			.then((mod) => mod.default({ module_or_path: wasm }).then(() => {
				// Hydrated once, whatever happens next: a throw here is not retried.
				state = "done";
				for (const k of kinds) document.removeEventListener(k, seen, true);
				try {
					mod.hydrate();
				} finally {
					document.documentElement.removeAttribute("data-hydrating");
				}
				// After the client's first effects (they run as microtasks).
				setTimeout(() => { for (const e of pending.splice(0)) replay(e); }, 0);
			}))
			.catch((err) => {
				if (state === "done") throw err;
				// Not loaded: what was asked is dropped, and the next gesture retries (with
				// another URL: a browser may keep a failed module's answer).
				state = "waiting";
				tries += 1;
				pending.length = 0;
				document.documentElement.removeAttribute("data-hydrating");
				console.warn("the page's client did not load:", err);
				// A page served before a new version of the server names a client that is
				// gone: only a reload gets the new one. Offline, the file cannot be asked.
				fetch(js, { method: "HEAD", cache: "no-store" })
					.then((r) => { if (r.status === 404) stale(); })
					.catch(() => {});
			});
	}
	let tries = 0;
	function stale() {
		if (document.getElementById("client-stale")) return;
		const p = document.createElement("p");
		p.id = "client-stale";
		p.className = "notice warn client-stale";
		p.setAttribute("role", "alert");
		p.append("This page was served by an earlier version of Breakeven. Reload it to use its buttons; what it shows is still right. ");
		const b = document.createElement("button");
		b.type = "button";
		b.textContent = "Reload";
		b.addEventListener("click", () => location.reload());
		p.append(b);
		document.body.prepend(p);
	}
	const field = (t) => t.closest("input, select, textarea");
	function seen(ev) {
		if (state === "done") return;
		if (ev.type === "pointerdown" && ev.pointerType === "touch") return;
		start();
		const t = ev.target;
		if (!(t instanceof Element)) return;
		if (ev.type === "keydown") {
			// Keys typed into a field act there already; modifiers alone mean nothing.
			if (field(t) || ["Shift", "Control", "Alt", "Meta", "Tab"].includes(ev.key)) return;
			const mods = { ctrlKey: ev.ctrlKey, metaKey: ev.metaKey, shiftKey: ev.shiftKey, altKey: ev.altKey };
			pending.push({ kind: "key", t, init: { key: ev.key, code: ev.code, bubbles: true, ...mods } });
		} else if (ev.type === "click") {
			const b = t.closest("button, [role=button]");
			// One click per button however often it is pressed while the client loads.
			if (b && !pending.some((e) => e.kind === "click" && e.t === b)) pending.push({ kind: "click", t: b });
		} else if (ev.type === "input" || ev.type === "change") {
			const f = field(t);
			if (!f) return;
			// Hydration puts the client's state back into the field: keep what was chosen.
			const rest = pending.filter((e) => !(e.t === f && e.kind === ev.type));
			pending.length = 0;
			pending.push(...rest, { kind: ev.type, t: f, checked: f.checked, value: f.value });
		}
	}
	function replay(e) {
		if (!e.t.isConnected) return;
		if (e.kind === "click") e.t.click();
		else if (e.kind === "key") e.t.dispatchEvent(new KeyboardEvent("keydown", e.init));
		else {
			if (e.t.type === "checkbox" || e.t.type === "radio") e.t.checked = e.checked;
			else e.t.value = e.value;
			e.t.dispatchEvent(new Event(e.kind, { bubbles: true }));
		}
	}
	for (const k of kinds) document.addEventListener(k, seen, { capture: true, passive: true });
	document.documentElement.setAttribute("data-hydrate", "on-interaction");
})
