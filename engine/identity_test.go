package engine

import (
	"reflect"
	"testing"
)

func TestParseContainerIdentity(t *testing.T) {
	// trimmed from `docker inspect` of a container on the default bridge and a user network
	data := `{"Id":"eb44b8122daa5f0c1d2e3f4a5b6c7d8e9f00112233445566778899aabbccddee",
	 "Config":{"Hostname":"eb44b8122daa","Image":"svc"},
	 "NetworkSettings":{"IPAddress":"172.17.0.3","GlobalIPv6Address":"",
	  "Networks":{"bridge":{"IPAddress":"172.17.0.3","GlobalIPv6Address":"2001:db8::3"},
	   "deps":{"IPAddress":"172.20.0.2","GlobalIPv6Address":""}}}}`
	got, err := ParseContainerIdentity([]byte(data))
	if err != nil {
		t.Fatal(err)
	}
	want := Identity{Hostname: "eb44b8122daa", ID: "eb44b8122daa5f0c1d2e3f4a5b6c7d8e9f00112233445566778899aabbccddee",
		IPs: []string{"172.17.0.3", "172.20.0.2", "2001:db8::3"}}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("got %+v, want %+v", got, want)
	}
	none, err := ParseContainerIdentity([]byte(`{"Id":"abc","Config":{"Hostname":"abc"},"NetworkSettings":{"Networks":{"none":{}}}}`))
	if err != nil || len(none.IPs) != 0 {
		t.Errorf("--network none: %+v %v", none, err)
	}
	if _, err := ParseContainerIdentity([]byte("not json")); err == nil {
		t.Error("no error for output that is not JSON")
	}
}
