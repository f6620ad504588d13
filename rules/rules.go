// Package rules is the registry: the explicit list of every dockopt rule, the image rules
// (IMG) included. A rule that is not
// listed here does not run, is not documented and cannot be configured, and the tests fail
// for it (its testdata names an unknown ID). The rules themselves live in one package per
// family (rules/size, rules/cache, ...), one small file each; helpers shared by several
// families live in rules/internal.
//
// IDs are allotted by family: DO0xx BuildKit's build checks, DO1xx size, DO2xx cache,
// DO3xx security, DO4xx reliability, DO5xx correctness, DO6xx style, DO7xx pinning
// (reliability family, info severity).
//
// Tests: testdata/<ID>/*.Dockerfile are linted alone; testdata/<ID>/<case>/Dockerfile with the
// case directory as build context. A `# want: ID` comment above an instruction expects one
// finding of that rule on it (list an ID twice for two findings); every other line must have
// none. See rules_test.go.
package rules

import (
	"strings"

	"github.com/dockopt/dockopt/imagescan"
	"github.com/dockopt/dockopt/lint/suppress"
	"github.com/dockopt/dockopt/rule"
	"github.com/dockopt/dockopt/rules/cache"
	"github.com/dockopt/dockopt/rules/correctness"
	"github.com/dockopt/dockopt/rules/reliability"
	"github.com/dockopt/dockopt/rules/security"
	"github.com/dockopt/dockopt/rules/size"
	"github.com/dockopt/dockopt/rules/style"
)

// all is every rule, in ID order: the Dockerfile rules, DO601, and the image rules (IMG,
// checked by imagescan on a built image).
var all = append([]*rule.Rule{
	style.StageNameCasing,                       // DO001
	style.FromAsCasing,                          // DO002
	style.NoEmptyContinuation,                   // DO003
	style.ConsistentInstructionCasing,           // DO004
	correctness.DuplicateStageName,              // DO005
	correctness.ReservedStageName,               // DO006
	reliability.JsonArgsRecommended,             // DO007
	style.MaintainerDeprecated,                  // DO008
	correctness.UndefinedArgInFrom,              // DO009
	reliability.WorkdirRelativePath,             // DO010
	correctness.UndefinedVar,                    // DO011
	correctness.MultipleInstructionsDisallowed,  // DO012
	style.LegacyKeyValueFormat,                  // DO013
	correctness.InvalidBaseImagePlatform,        // DO014
	style.RedundantTargetPlatform,               // DO015
	security.SecretsUsedInArgOrEnv,              // DO016
	correctness.InvalidDefaultArgInFrom,         // DO017
	reliability.FromPlatformFlagConstDisallowed, // DO018
	correctness.CopyIgnoredFile,                 // DO019
	style.InvalidDefinitionDescription,          // DO020
	correctness.ExposeProtoCasing,               // DO021
	correctness.ExposeInvalidFormat,             // DO022
	size.AptNoInstallRecommends,                 // DO101
	size.AptListsNotRemoved,                     // DO102
	size.ApkAddNoCache,                          // DO103
	size.PipNoCacheDir,                          // DO104
	size.NpmInstallWithLockfile,                 // DO105
	size.PackageCacheNotCleaned,                 // DO106
	size.BuildToolsInFinalStage,                 // DO107
	size.SingleStageBuild,                       // DO108
	size.FullBaseImage,                          // DO109
	size.FileDeletedInLaterLayer,                // DO110
	size.RecursiveChownAfterCopy,                // DO111
	size.ConsecutiveRun,                         // DO112
	size.AddInsteadOfCopy,                       // DO113
	size.AddRemoteArchive,                       // DO114
	size.MissingDockerignore,                    // DO115
	size.YarnCacheNotCleaned,                    // DO116
	cache.CopyContextBeforeInstall,              // DO201
	cache.AptGetUpdateAlone,                     // DO202
	cache.NoCacheMountForDependencies,           // DO203
	security.RootUser,                           // DO301
	security.CopySecretFiles,                    // DO302
	security.Sudo,                               // DO303
	security.RemoteScriptExecution,              // DO304
	security.Pipefail,                           // DO305
	security.TlsVerificationDisabled,            // DO306
	security.UnsignedPackages,                   // DO307
	security.LatestTag,                          // DO308
	security.UntrustedRegistry,                  // DO309
	security.AddUrlWithoutChecksum,              // DO310
	security.ExposeSsh,                          // DO311
	security.Chmod777,                           // DO312
	security.SecretInRunCommand,                 // DO313
	security.DownloadWithoutChecksum,            // DO314
	reliability.MissingHealthcheck,              // DO401
	reliability.HealthcheckToolMissing,          // DO402
	reliability.CdInRun,                         // DO403
	reliability.AptGetMissingYes,                // DO404
	reliability.AptInsteadOfAptGet,              // DO405
	reliability.PackageManagerMissingYes,        // DO406
	reliability.ReplaceBinSh,                    // DO407
	reliability.CopyRelativeDestWithoutWorkdir,  // DO408
	reliability.NonNumericUser,                  // DO409
	reliability.EOLBaseImage,                    // DO410
	reliability.RunExport,                       // DO411
	correctness.CopyFromUnknownStage,            // DO501
	correctness.CopyMultipleSourcesNeedsSlash,   // DO502
	correctness.InvalidExposePort,               // DO503
	correctness.UseraddWithoutL,                 // DO504
	correctness.UnusedStage,                     // DO505
	correctness.ServerUnknownOption,             // DO506
	correctness.ServerReloadInImage,             // DO507
	correctness.ServerBindsLocalhost,            // DO508
	correctness.ServerExtraMissing,              // DO509
	correctness.InvalidExecForm,                 // DO510
	correctness.EnvSelfReference,                // DO511
	correctness.CopyWholeFilesystem,             // DO512
	correctness.ExecFormLiteralQuotes,           // DO513
	correctness.FinalStageBuildPlatform,         // DO514
	correctness.DevServerInImage,                // DO515
	correctness.EscapedSpaceCommand,             // DO516
	suppress.UnusedSuppression,                  // DO601
	style.InvalidLabelKey,                       // DO602
	style.LabelMissing,                          // DO603
	style.LabelNotInSchema,                      // DO604
	style.LabelEmpty,                            // DO605
	style.LabelNotURL,                           // DO606
	style.LabelNotRFC3339,                       // DO607
	style.LabelNotSPDX,                          // DO608
	style.LabelNotGitHash,                       // DO609
	style.LabelNotSemver,                        // DO610
	style.LabelNotEmail,                         // DO611
	reliability.AptPin,                          // DO701
	reliability.PipPin,                          // DO702
	reliability.ApkPin,                          // DO703
	reliability.NpmPin,                          // DO704
	reliability.GemPin,                          // DO705
	reliability.GoInstallVersion,                // DO706
	reliability.BaseImageDigest,                 // DO707
	reliability.RpmPin,                          // DO708
}, imagescan.Checks...)

// All returns every rule, sorted by ID. The slice is a copy; the rules are shared values.
func All() []*rule.Rule { return append([]*rule.Rule(nil), all...) }

// Lookup finds a rule by ID or name (case-insensitive). It returns nil when none matches.
func Lookup(key string) *rule.Rule {
	for _, r := range all {
		if strings.EqualFold(r.ID, key) || strings.EqualFold(r.Name, key) {
			return r
		}
	}
	return nil
}

// LookupEquivalent returns the rules that list tool:id as an equivalent (e.g. hadolint DL3008).
func LookupEquivalent(tool, id string) []*rule.Rule {
	var out []*rule.Rule
	for _, r := range all {
		if r.HasEquivalent(tool, id) {
			out = append(out, r)
		}
	}
	return out
}

// equivalentTools are the tools whose IDs name dockopt rules, in the order Resolve tries
// them; hadolint and ShellCheck codes are upper-case.
var equivalentTools = []string{"hadolint", "shellcheck", "buildkit", "trivy", "dockle", "cis"}

// Resolve returns the rules a key names: a rule's ID or name (case-insensitive), else the
// rules listing it as another tool's ID (hadolint DL and ShellCheck SC codes, BuildKit check
// names, trivy, dockle and CIS IDs), bare or qualified as the equivalents are printed
// (`trivy:AVD-DS-0002`, `buildkit:StageNameCasing`); nil when it names none. The one resolver
// of rule keys: the configuration, --rule/--ignore, ignore pragmas and `dockopt rules ID` use it.
func Resolve(key string) []*rule.Rule {
	if r := Lookup(key); r != nil {
		return []*rule.Rule{r}
	}
	if tool, id, ok := strings.Cut(key, ":"); ok {
		tool = strings.ToLower(tool)
		for _, t := range equivalentTools {
			if t != tool {
				continue
			}
			if tool == "hadolint" || tool == "shellcheck" {
				id = strings.ToUpper(id)
			}
			return LookupEquivalent(tool, id)
		}
	}
	for _, tool := range equivalentTools {
		id := key
		if tool == "hadolint" || tool == "shellcheck" {
			id = strings.ToUpper(key)
		}
		if rs := LookupEquivalent(tool, id); len(rs) > 0 {
			return rs
		}
	}
	return nil
}
