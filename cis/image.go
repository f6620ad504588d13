package cis

import (
	"fmt"

	"github.com/dockopt/dockopt/imagescan"
	"github.com/dockopt/dockopt/rule"
)

// imageSource is a scanned image: imagescan's checks (the IMG rules) all run on every scan.
type imageSource struct{ rep *imagescan.Report }

func (s imageSource) observe(it Item) observation {
	var o observation
	checks := itemRules(it.ID, rule.ImageTarget)
	if len(checks) == 0 {
		return o
	}
	want := map[*rule.Rule]bool{}
	for _, c := range checks {
		want[c] = true
	}
	for _, is := range s.rep.Issues() {
		if !want[is.Check] {
			continue
		}
		where := s.rep.Reference
		switch {
		case is.Path != "" && is.Layer >= 0:
			where = fmt.Sprintf("%s (layer %d)", is.Path, is.Layer)
		case is.Path != "":
			where = is.Path
		case is.Layer >= 0:
			where = fmt.Sprintf("layer %d", is.Layer)
		}
		o.fails = append(o.fails, Evidence{Verdict: Fail, Source: FromImage, Check: is.Check.ID, Where: where,
			Detail: is.Check.Name + ": " + is.Message})
	}
	if len(o.fails) == 0 {
		for _, c := range checks {
			o.passes = append(o.passes, Evidence{Verdict: Pass, Source: FromImage, Check: c.ID, Where: s.rep.Reference,
				Detail: c.Name + ": no finding"})
		}
	}
	return o
}
