// Package e2e holds dockopt's end-to-end test: for each example service, `dockopt optimize`
// (the built CLI), then the measurement of `dockopt measure` on a real engine, with the
// issue's thresholds asserted. It needs a Docker engine, the base images the examples use
// (local stand-ins from testdata/bases/build.sh where no registry is reachable) and, for the
// Python example with the stand-ins, the offline package index
// (testdata/bases/pyindex/serve.sh, started by the test when it does not answer).
//
// It is skipped, with the reason, when no engine answers, when the base images are missing,
// with -short, or when the test timeout leaves less than 30 minutes; with CI=true each of
// those is a failure instead. Run it alone with:
//
//	go test -v -timeout 40m ./e2e/
//
// node-api builds through the BuildKit go.mod vendors when DOCKOPT_TEST_BUILDKITD names a
// buildkitd binary (always in CI; .ci/run builds it and buildx, DOCKOPT_TEST_BUILDX): it
// runs as a buildx remote builder whose docker.io mirror is a registry of the test's own,
// holding the engine's base images, and its report must name that builder and BuildKit
// version (DOCKOPT_TEST_BUILDKIT_VERSION). The other examples, and node-api without it,
// build on the engine's built-in BuildKit, which the real-world suite (e2e/realworld)
// always uses (the remote builder's export and load of each image costs CI time).
//
// TestMeasureWithDeps measures example-voting-app's vote service (testdata/realworld/voting-vote)
// with `dockopt measure --with-deps` from its compose file: the redis it depends on is started
// first (the local redis:7 stand-in), and a Redis that never becomes healthy must end measure
// with exit 1, naming it, the report written and nothing left.
//
// DOCKOPT_E2E_OUT=DIR keeps each example's Dockerfile.optimized, .dockerignore and reports
// (Markdown, JSON, HTML) in DIR/<example>/. DOCKOPT_E2E_ONLY=go-api runs one example.
package e2e
