package size

import (
	"strconv"
	"strings"

	"github.com/dockopt/dockopt/dockerfile"
	"github.com/dockopt/dockopt/internal/lazyre"
	"github.com/dockopt/dockopt/rule"
	"github.com/dockopt/dockopt/rules/internal/ruleutil"
)

var octalMode = lazyre.New(`^[0-7]{3,4}$`)

var (
	// RecursiveChownAfterCopy is DO111 (recursive-chown-after-copy).
	RecursiveChownAfterCopy = &rule.Rule{
		ID:       "DO111",
		Name:     "recursive-chown-after-copy",
		Family:   rule.Size,
		Severity: rule.Info,
		OptIn:    true,
		Fix:      rule.UnsafeFix,
		Doc: rule.Doc{
			What: "Finds `chown -R` or `chmod -R` in a RUN over a directory that an earlier COPY or " +
				"ADD of the same stage (or a stage it is built FROM) wrote into, or that an earlier RUN " +
				"filled by extracting an archive (`tar -x -C DIR`, `unzip -d DIR`) or cloning (`git " +
				"clone URL DIR`), in a stage whose layers end up in the final image. The same RUN " +
				"extracting and changing owner is one layer and is not reported.",
			Why: "Changing a file's owner or mode in a later layer copies the whole file into that " +
				"layer: every byte COPY added (or the earlier RUN extracted) is stored twice, once per " +
				"layer. `COPY --chown` and `COPY --chmod` set ownership and mode as the files are " +
				"written, at no cost; after an extraction, change the owner in the RUN that extracts. " +
				"Severity: info: the cost is the size of what is stored again, which the Dockerfile alone " +
				"does not tell: a few configuration files cost nothing, an extracted release or a copied " +
				"project tens to hundreds of megabytes.",
			Example:    "COPY . /app\nRUN chown -R app:app /app",
			UseInstead: "COPY --chown=app:app . /app",
			Fixed:      "COPY sets ownership: no recursive chown layer stores the files again",
			FixNotes: "Offered when the RUN does nothing else, every COPY into the directory is in the " +
				"same stage without its own --chown/--chmod, and no RUN before it touches the " +
				"directory: adds `--chown=`/`--chmod=` (octal modes only) to those COPY instructions, " +
				"and removes the RUN, or, when the directory itself existed before (WORKDIR), drops " +
				"`-R` so that only the directory changes. Unsafe: files the base image had in that " +
				"directory are no longer re-owned, and `--chmod` needs BuildKit.",
			OffByDefault: "What the layer stores again is the size of the files re-owned, which the Dockerfile " +
				"alone does not tell: on real Dockerfiles most findings re-stored a few configuration " +
				"files, at no real cost (docs/precision.md). Turn it on to find the large cases (an " +
				"extracted release, a copied project); `dockopt optimize` applies its fix (COPY --chown) " +
				"whatever the setting.",
			References: []string{
				"https://docs.docker.com/reference/dockerfile/#copy---chown---chmod",
				"https://docs.docker.com/build/building/best-practices/#add-or-copy",
			},
		},
		Check: func(p *rule.Pass) {
			var copies []*dockerfile.Instruction
			var filled []filledDir
			for _, st := range p.File.BuildOrder(p.File.FinalStage()) {
				for _, in := range st.Instructions {
					switch in.Cmd {
					case "copy", "add":
						copies = append(copies, in)
					case "run":
						if in.Script != nil {
							checkRecursiveChown(p, in, copies, filled)
							filled = append(filled, runFilledDirs(p.File, in)...)
						}
					}
				}
			}
		},
	}
)

func checkRecursiveChown(p *rule.Pass, in *dockerfile.Instruction, copies []*dockerfile.Instruction, filled []filledDir) {
	cwd := p.File.WorkdirAt(in)
	for _, c := range in.Script.Commands {
		if c.Name == "cd" && len(c.Args) > 0 {
			cwd = ruleutil.AbsPath(cwd, c.Args[0])
			continue
		}
		if !c.Is("chown", "chmod") || !c.HasFlag("-R", "--recursive") || c.HasFlag("--reference") {
			continue
		}
		pos := c.Positional()
		if len(pos) < 2 {
			continue
		}
		value := pos[0]
		for _, t := range pos[1:] {
			target := expandPath(p.File, in, cwd, cleanGlob(t))
			if target == "" || target == "/" {
				continue
			}
			var hits []*dockerfile.Instruction
			for _, cp := range copies {
				ci, ok := ruleutil.CopyOf(p.File, cp)
				if !ok || ci.Dest == "" || !pathUnder(ci.Dest, target) {
					continue
				}
				hits = append(hits, cp)
			}
			if len(hits) == 0 {
				if fd, ok := filledUnder(filled, target); ok {
					p.ReportCommand(in, c, c.Name+" -R "+value+" "+target+" stores again every file the RUN at line "+
						strconv.Itoa(fd.in.StartLine)+" "+fd.how+" "+fd.dir+": change the owner or mode in that RUN")
					break
				}
				continue
			}
			var lines []string
			for _, h := range hits {
				lines = append(lines, strconv.Itoa(h.StartLine))
			}
			flag := "--chown"
			if c.Name == "chmod" {
				flag = "--chmod"
			}
			msg := c.Name + " -R " + value + " " + target + " stores again every file COPY/ADD wrote there (line " +
				strings.Join(lines, ", ") + "): use " + strings.ToUpper(hits[0].Cmd) + " " + flag + "=" + value + " instead"
			var edits []rule.TextEdit
			if len(pos) == 2 && len(in.Script.Commands) == 1 {
				edits = chownFix(p, in, c, flag, value, target, hits)
			}
			p.ReportCommand(in, c, msg, rule.WithFix("use "+flag+" on the COPY", edits...))
			break
		}
	}
}

// chownFix moves a RUN's recursive chown/chmod into --chown/--chmod flags of the COPYs.
func chownFix(p *rule.Pass, in *dockerfile.Instruction, c *dockerfile.Command, flag, value, target string, hits []*dockerfile.Instruction) []rule.TextEdit {
	if len(in.Flags) > 0 || len(in.Heredocs) > 0 || strings.ContainsAny(value, "$`") || strings.HasSuffix(value, ":") {
		return nil
	}
	if flag == "--chmod" && !octalMode.MatchString(value) {
		return nil
	}
	var edits []rule.TextEdit
	first := -1
	insts := in.Stage.Instructions
	idx := map[*dockerfile.Instruction]int{}
	for i, x := range insts {
		idx[x] = i
	}
	for _, h := range hits {
		i, ok := idx[h]
		if !ok || h.Cmd != "copy" || len(h.Heredocs) > 0 {
			return nil // in another stage, or an ADD (archives keep their own owners)
		}
		if _, has := h.Flag(strings.TrimPrefix(flag, "--")); has {
			return nil
		}
		if first < 0 || i < first {
			first = i
		}
		off := h.StartOffset + len(h.Keyword)
		edits = append(edits, rule.TextEdit{Start: off, End: off, New: " " + flag + "=" + value})
	}
	preexisting := false
	for i, x := range insts {
		if x == in {
			break
		}
		if x.Cmd == "run" && (i > first || strings.Contains(x.Original, target)) {
			return nil // a RUN may have put other files there
		}
		if x.Cmd == "workdir" && len(x.Args) > 0 {
			if v, ok := p.File.Expand(x, x.Args[0]); ok && ruleutil.AbsPath(p.File.WorkdirAt(x), v) == target {
				preexisting = true
			}
		}
	}
	if preexisting {
		// keep the directory's own owner/mode change, without -R
		for i, a := range c.Args {
			if a == "-R" || a == "--recursive" {
				si, ei := int(c.Words[i].Pos().Offset()), int(c.Words[i].End().Offset())-1
				if si < 0 || ei >= c.Part.Offsets.Len() {
					return nil
				}
				s, e := c.Part.Offsets.At(si), c.Part.Offsets.At(ei)+1
				if s <= 0 || e-s != len(a) || p.File.Source[s-1] != ' ' {
					return nil
				}
				return append(edits, rule.TextEdit{Start: s - 1, End: e})
			}
		}
		return nil
	}
	return append(edits, rule.TextEdit{Start: p.File.LineOffset(in.StartLine), End: p.File.LineOffset(in.EndLine + 1)})
}
