package main

import (
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
)

func TestHealth(t *testing.T) {
	srv := httptest.NewServer(newMux())
	defer srv.Close()
	if err := probe(srv.URL + "/health"); err != nil {
		t.Fatal(err)
	}
	if err := probe(srv.URL + "/nope"); err == nil {
		t.Fatal("probe of a missing path succeeded")
	}
}

func TestConvert(t *testing.T) {
	for _, tc := range []struct {
		query  string
		status int
		body   string
	}{
		{"?celsius=21.5", 200, `{"celsius":21.5,"fahrenheit":70.7,"kelvin":294.65}`},
		{"", 200, `{"celsius":20,"fahrenheit":68,"kelvin":293.15}`},
		{"?celsius=-40", 200, `{"celsius":-40,"fahrenheit":-40,"kelvin":233.15}`},
		{"?celsius=warm", 400, `{"error":"celsius must be a number"}`},
	} {
		rec := httptest.NewRecorder()
		newMux().ServeHTTP(rec, httptest.NewRequest(http.MethodGet, "/api/convert"+tc.query, nil))
		if rec.Code != tc.status || strings.TrimSpace(rec.Body.String()) != tc.body {
			t.Errorf("GET /api/convert%s = %d %s, want %d %s", tc.query, rec.Code, rec.Body.String(), tc.status, tc.body)
		}
		if ct := rec.Header().Get("Content-Type"); ct != "application/json" {
			t.Errorf("Content-Type = %q", ct)
		}
	}
}

func TestMethodNotAllowed(t *testing.T) {
	rec := httptest.NewRecorder()
	newMux().ServeHTTP(rec, httptest.NewRequest(http.MethodPost, "/health", nil))
	if rec.Code != http.StatusMethodNotAllowed {
		t.Fatalf("POST /health = %d", rec.Code)
	}
}
