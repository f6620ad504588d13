# Stand-in for docker/dockerfile:1: BuildKit's Dockerfile frontend, laid out as its release
# image is (github.com/moby/buildkit frontend/dockerfile/cmd/dockerfile-frontend/Dockerfile:
# the same labels and entrypoint). build.sh builds the binary from the Go module proxy.
FROM scratch
LABEL moby.buildkit.frontend.network.none="true"
LABEL moby.buildkit.frontend.caps="moby.buildkit.frontend.inputs,moby.buildkit.frontend.subrequests,moby.buildkit.frontend.contexts,moby.buildkit.frontend.gitquerystring,moby.buildkit.frontend.contexts.zstd"
COPY dockerfile-frontend /bin/dockerfile-frontend
ENTRYPOINT ["/bin/dockerfile-frontend"]
