package dockerfile

import "testing"

func TestCommandsAt(t *testing.T) {
	src := "FROM python:3.11 AS base\nCMD [\"python\"]\n" +
		"FROM base AS ep\nENTRYPOINT [\"/entry.sh\"]\n" +
		"FROM ep AS both\nCMD [\"serve\"]\nENTRYPOINT [\"/other.sh\"]\n" +
		"FROM scratch AS none\n"
	f, err := Parse("Dockerfile", []byte(src), Options{})
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		stage       string
		ep, cmdLine int // 0: nil
	}{{"base", 0, 2}, {"ep", 4, 0}, {"both", 7, 6}, {"none", 0, 0}} {
		ep, cmd := f.CommandsAt(f.StageByName(c.stage))
		line := func(in *Instruction) int {
			if in == nil {
				return 0
			}
			return in.StartLine
		}
		if line(ep) != c.ep || line(cmd) != c.cmdLine {
			t.Errorf("%s: ENTRYPOINT line %d, CMD line %d; want %d, %d", c.stage, line(ep), line(cmd), c.ep, c.cmdLine)
		}
	}
}
