package measure

import (
	"slices"
	"testing"
)

func TestDependencyInstalls(t *testing.T) {
	ran := []string{
		"[builder 3/6] RUN npm ci --omit=dev",
		"[builder 5/6] COPY src ./src",
		"[builder 6/6] RUN npm run build",
		"[2/4] RUN pip install --no-cache-dir -r requirements.txt",
		"[stage-1 3/3] RUN go build -o /app .",
		"[x 2/2] RUN apt-get update && apt-get install -y curl",
	}
	got := DependencyInstalls(ran)
	want := []string{ran[0], ran[3], ran[5]}
	if !slices.Equal(got, want) {
		t.Errorf("got %q, want %q", got, want)
	}
}
