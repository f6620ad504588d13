package measure

import (
	"strings"
	"testing"

	"github.com/dockopt/dockopt/engine"
)

// two containers of one image, as docker inspect shows them
var (
	idA = &engine.Identity{Hostname: "eb44b8122daa", ID: "eb44b8122daa5f0c1d2e3f4a5b6c7d8e9f00112233445566778899aabbccdd01", IPs: []string{"172.17.0.2"}}
	idB = &engine.Identity{Hostname: "0c1f2a3b4d5e", ID: "0c1f2a3b4d5e6f708192a3b4c5d6e7f8091a2b3c4d5e6f708192a3b4c5d6e7f8", IPs: []string{"172.17.0.3", "2001:db8::3"}}
)

func TestMaskOwn(t *testing.T) {
	cases := []struct {
		in   string
		id   *engine.Identity
		want string
	}{
		// a Go service's /config
		{`{"HOSTNAME":"eb44b8122daa","PORT":"8080"}`, idA, `{"HOSTNAME":"<container hostname>","PORT":"8080"}`},
		// a Flask page with the hostname and the IP
		{"<p>Served by eb44b8122daa at 172.17.0.2.</p>", idA, "<p>Served by <container hostname> at <container IP>.</p>"},
		{"id eb44b8122daa5f0c1d2e3f4a5b6c7d8e9f00112233445566778899aabbccdd01", idA, "id <container ID>"},
		{"http://[2001:db8::3]:8080/ 172.17.0.3:80 eb44b8122daa:8080", idB, "http://[<container IP>]:8080/ <container IP>:80 eb44b8122daa:8080"},
		{"eb44b8122daa:8080 eb44b8122daa.local", idA, "<container hostname>:8080 eb44b8122daa.local"}, // a longer name is another
		{"2001:db8::3:1 2001:db8::34", idB, "2001:db8::3:1 2001:db8::34"},
		// only whole occurrences: not inside a longer address, number or word
		{"172.17.0.23 10.172.17.0.2 172.17.0.2.5 xeb44b8122daa eb44b8122daab", idA, "172.17.0.23 10.172.17.0.2 172.17.0.2.5 xeb44b8122daa eb44b8122daab"},
		// nothing else is masked: not another container's hostname, not a time
		{`{"host":"0c1f2a3b4d5e","at":"2026-12-06T23:00:01Z"}`, idA, `{"host":"0c1f2a3b4d5e","at":"2026-12-06T23:00:01Z"}`},
		{"eb44b8122daa", nil, "eb44b8122daa"},
	}
	for _, c := range cases {
		if got := MaskOwn(c.in, c.id); got != c.want {
			t.Errorf("MaskOwn(%q)\n got %q\nwant %q", c.in, got, c.want)
		}
	}
}

// probeCheck is the verdict "GET /config answers the same" for two answers.
func probeCheck(t *testing.T, a, b ProbeResult) Check {
	t.Helper()
	res := &Result{}
	res.Original.Probes, res.Optimized.Probes = []ProbeResult{a}, []ProbeResult{b}
	for _, c := range checks(res, Options{Probes: []string{"/config"}}) {
		if c.Name == "GET /config answers the same" {
			return c
		}
	}
	t.Fatal("no probe check")
	return Check{}
}

func TestProbeCheckMasksEachContainersOwn(t *testing.T) {
	a := ProbeResult{Path: "/config", Status: 200, Body: `{"HOSTNAME":"eb44b8122daa","IP":"172.17.0.2","PORT":"8080"}`, Container: idA}
	b := ProbeResult{Path: "/config", Status: 200, Body: "{\n  \"PORT\": \"8080\",\n  \"IP\": \"172.17.0.3\",\n  \"HOSTNAME\": \"0c1f2a3b4d5e\"\n}\n", Container: idB}
	c := probeCheck(t, a, b)
	if !c.OK || !strings.Contains(c.Detail, `"HOSTNAME":"<container hostname>"`) {
		t.Errorf("same service in two containers: %+v", c)
	}
	// another container's hostname is not this one's: it differs
	b.Container = idA
	if c := probeCheck(t, a, b); c.OK {
		t.Errorf("hostname of another container masked: %+v", c)
	}
}

func TestProbeCheckShowsTheFirstDifferingLine(t *testing.T) {
	// 300 equal characters, then the difference: the first 200 of each body are the same
	long := strings.Repeat("x", 300)
	a := ProbeResult{Status: 200, Body: "<html>\n<h1>" + long + " started 23:00:01</h1>\n</html>", Container: idA}
	b := ProbeResult{Status: 200, Body: "<html>\n<h1>" + long + " started 23:00:02</h1>\n</html>", Container: idB}
	c := probeCheck(t, a, b)
	if c.OK {
		t.Fatalf("a time that differs is not masked: %+v", c)
	}
	for _, want := range []string{"bodies differ at line 2: ", "started 23:00:01</h1>» (original), «…", "started 23:00:02</h1>» (optimized)"} {
		if !strings.Contains(c.Detail, want) {
			t.Errorf("detail lacks %q:\n%s", want, c.Detail)
		}
	}
	if strings.Contains(c.Detail, "<html>") || len(c.Detail) > 500 {
		t.Errorf("detail shows more than the differing line, clipped:\n%s", c.Detail)
	}

	// JSON: the line of the re-indented JSON, keys sorted
	a = ProbeResult{Status: 200, Body: `{"b":{"x":1,"y":2},"a":"same"}`}
	b = ProbeResult{Status: 200, Body: `{"a":"same","b":{"x":1,"y":3}}`}
	if got := probeCheck(t, a, b).Detail; got != `bodies differ at line 5 (of the JSON re-indented, keys sorted): «    "y": 2» (original), «    "y": 3» (optimized)` {
		t.Errorf("JSON detail: %s", got)
	}
	// one body longer than the other
	b = ProbeResult{Status: 200, Body: "ok\nmore"}
	if got := probeCheck(t, ProbeResult{Status: 200, Body: "ok\n"}, b).Detail; got != "bodies differ at line 2: (no line 2: the body has 1) (original), «more» (optimized)" {
		t.Errorf("shorter body: %s", got)
	}
}

func TestAround(t *testing.T) {
	s := strings.Repeat("é", 200) // 400 bytes
	got := around(s, 301, 200)
	if !strings.HasPrefix(got, "…é") || !strings.HasSuffix(got, "é") || len(got) > 200+2*len("…")+2 {
		t.Errorf("around: %q", got)
	}
	if around("short", 3, 200) != "short" {
		t.Error("short line clipped")
	}
}

func TestHardeningTrialMasksEachContainersOwn(t *testing.T) {
	fr := newFakeRunner(t)
	// every container answers with its own hostname (its name, in the fake) and IP
	fr.answer = func(o engine.RunOptions) (int, string) {
		return 200, `{"status":"ok","hostname":"` + o.Name + `"}`
	}
	m := trialMeasurement(t, fr, 2)
	m.res.Optimized.Probes = []ProbeResult{{Path: "/health", Status: 200, Body: `{"status":"ok","hostname":"r-optimized-1"}`,
		Container: &engine.Identity{Hostname: "r-optimized-1"}}}
	if err := m.hardeningTrial(); err != nil {
		t.Fatal(err)
	}
	h := m.res.Optimized.Hardening
	if len(h.Runs) != 1 || !h.Runs[0].Works() || len(h.Verified) != 3 {
		t.Errorf("a hardened run that answers with its own hostname did not work: %+v", h.Runs)
	}

	// a difference that is not the container's own still fails the run, with the line
	fr = newFakeRunner(t)
	fr.answer = func(o engine.RunOptions) (int, string) { return 200, `{"status":"degraded"}` }
	m = trialMeasurement(t, fr, 2)
	if err := m.hardeningTrial(); err != nil {
		t.Fatal(err)
	}
	r := m.res.Optimized.Hardening.Runs[0]
	if r.Works() || r.Detail != `GET /health: body differs at line 2 (of the JSON re-indented, keys sorted): «  "status": "degraded"» here, «  "status": "ok"» in the normal run` {
		t.Errorf("run %+v", r)
	}
}
