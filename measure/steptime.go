package measure

import "time"

// StepTime is how long one step of a measurement took, wall time.
type StepTime struct {
	Step    string  `json:"step"`
	Seconds float64 `json:"seconds"`
	// Engine is true for a step that is the engine's work measure exists to time or watch
	// (the builds, the container runs, the hardening trial, the dependencies' start), false
	// for measure's own (copying the contexts, docker save and reading the layers, choosing
	// the port, stopping the dependencies).
	Engine bool `json:"engine"`
}

// Timing is where a measurement's wall time went: its steps, and the overhead ratio, the
// whole wall time over the engine steps' (1.0: measure added nothing around the builds and
// runs it times).
type Timing struct {
	WallSeconds   float64    `json:"wall_seconds"`
	Steps         []StepTime `json:"steps"`
	EngineSeconds float64    `json:"engine_seconds"`
	OverheadRatio float64    `json:"overhead_ratio"`
}

// add records one step.
func (t *Timing) add(step string, engine bool, d time.Duration) {
	t.Steps = append(t.Steps, StepTime{Step: step, Seconds: d.Seconds(), Engine: engine})
	t.WallSeconds += d.Seconds()
	if engine {
		t.EngineSeconds += d.Seconds()
	}
	if t.EngineSeconds > 0 {
		t.OverheadRatio = t.WallSeconds / t.EngineSeconds
	}
}
