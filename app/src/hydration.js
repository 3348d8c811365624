(function (js, wasm, now) {
	// Hydrates on the first gesture (or at once, with `now`); until then the page is the
	// server's HTML. What a gesture made before the client ran meant is replayed once it
	// runs (see hydration.rs): on a slow link, a number typed into the editor while its
	// client loads is computed and saved, not left on screen beside other figures. A
	// touch that starts a scroll is no gesture here: on touch screens a tap (its click) is.
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
				document.removeEventListener("submit", submitted, true);
				try {
					mod.hydrate();
				} finally {
					document.documentElement.removeAttribute("data-hydrating");
				}
				// After the client's first effects (they run as microtasks).
				setTimeout(replayAll, 0);
			}))
			.catch((err) => {
				if (state === "done") throw err;
				// Not loaded: what was pressed is dropped (fields keep what was typed, to be
				// read when the client runs), and the next gesture retries (with another
				// URL: a browser may keep a failed module's answer).
				state = "waiting";
				tries += 1;
				const typed = pending.filter((e) => e.kind === "input" || e.kind === "change");
				pending.length = 0;
				pending.push(...typed);
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
			// Keys typed into a field act there already (a shortcut, Ctrl+S, does not);
			// modifiers alone mean nothing.
			const shortcut = ev.ctrlKey || ev.metaKey;
			if ((field(t) && !shortcut) || ["Shift", "Control", "Alt", "Meta", "Tab"].includes(ev.key)) return;
			const mods = { ctrlKey: ev.ctrlKey, metaKey: ev.metaKey, shiftKey: ev.shiftKey, altKey: ev.altKey };
			pending.push({ kind: "key", t, init: { key: ev.key, code: ev.code, bubbles: true, ...mods } });
		} else if (ev.type === "click") {
			const b = t.closest("button, [role=button]");
			// A form's submit button is replayed as its form's submission (below).
			if (b && b.type === "submit" && b.form) return;
			// One click per button pressed again and again with nothing between.
			const last = pending[pending.length - 1];
			if (b && !(last && last.kind === "click" && last.t === b)) pending.push({ kind: "click", t: b });
		} else if (ev.type === "input" || ev.type === "change") {
			const f = field(t);
			if (!f) return;
			// Hydration puts the client's state back into the field: keep what was chosen,
			// in order with what was pressed (type 1000, Save, type 2000: Save sends 1000).
			const acted = pending.map((e) => e.kind !== "input" && e.kind !== "change").lastIndexOf(true);
			const rest = pending.filter((e, i) => i <= acted || !(e.t === f && e.kind === ev.type));
			pending.length = 0;
			pending.push(...rest, { kind: ev.type, t: f, checked: f.checked, value: f.value });
		}
	}
	// A form sent before the client runs would leave the page (to its own URL, without
	// its key): it is held, and sent once the client runs, which handles it in place.
	function submitted(ev) {
		if (state === "done") return;
		ev.preventDefault();
		start();
		const f = ev.target;
		if (!(f instanceof HTMLFormElement)) return;
		// A form is sent once, with what it holds when sent last (a name corrected and
		// sent again is one workspace, not two).
		const rest = pending.filter((e) => !(e.kind === "submit" && e.t === f));
		pending.length = 0;
		pending.push(...rest, { kind: "submit", t: f, by: ev.submitter });
	}
	// In order, each in a task of its own; a press waits (up to 20 s) for its button to
	// be enabled again, as a person would: type, Save, type, Save is two saves, one after
	// the other, not a save that meets the first one's revision as someone else's. One
	// that throws does not stop the others.
	async function replayAll() {
		for (const e of pending.splice(0)) {
			for (let waited = 0; e.kind === "click" && e.t.disabled && waited < 20000; waited += 50) {
				await new Promise((r) => setTimeout(r, 50));
			}
			try { replay(e); } catch (err) { console.warn("a gesture made before the client ran was not replayed:", err); }
			await new Promise((r) => setTimeout(r, 0));
		}
	}
	function replay(e) {
		if (!e.t.isConnected) return;
		if (e.kind === "submit") {
			if (typeof e.t.requestSubmit !== "function") {
				e.t.dispatchEvent(new Event("submit", { bubbles: true, cancelable: true }));
			} else if (e.by && e.by.isConnected && e.by.form === e.t) e.t.requestSubmit(e.by);
			else e.t.requestSubmit();
		} else if (e.kind === "click") e.t.click();
		else if (e.kind === "key") e.t.dispatchEvent(new KeyboardEvent("keydown", e.init));
		else {
			if (e.t.type === "checkbox" || e.t.type === "radio") e.t.checked = e.checked;
			// A file field keeps its files (and takes no value but "").
			else if (e.t.type !== "file") e.t.value = e.value;
			e.t.dispatchEvent(new Event(e.kind, { bubbles: true }));
		}
	}
	for (const k of kinds) document.addEventListener(k, seen, { capture: true, passive: true });
	document.addEventListener("submit", submitted, true);
	document.documentElement.setAttribute("data-hydrate", now ? "now" : "on-interaction");
	if (now) start();
})
