// Command go-api is a small net/http service used as a dockopt example.
//
// It serves GET /health and GET /api/convert?celsius=N on $PORT (default 8080).
// Run with -healthcheck it instead probes its own /health endpoint and exits
// 0 when healthy, 1 otherwise, so that an image without a shell or curl
// (FROM scratch) can still have a HEALTHCHECK.
package main

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"log"
	"math"
	"net/http"
	"os"
	"os/signal"
	"strconv"
	"syscall"
	"time"
)

const service = "go-api"

func main() {
	healthcheck := flag.Bool("healthcheck", false, "probe http://127.0.0.1:$PORT/health and exit 0 when it answers 200")
	flag.Parse()

	addr := ":" + port()
	if *healthcheck {
		if err := probe("http://127.0.0.1" + addr + "/health"); err != nil {
			fmt.Fprintln(os.Stderr, "unhealthy:", err)
			os.Exit(1)
		}
		return
	}

	srv := &http.Server{Addr: addr, Handler: newMux(), ReadHeaderTimeout: 5 * time.Second}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	go func() {
		<-ctx.Done()
		shutdown, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		_ = srv.Shutdown(shutdown)
	}()
	log.Printf("%s listening on %s", service, addr)
	if err := srv.ListenAndServe(); err != nil && !errors.Is(err, http.ErrServerClosed) {
		log.Fatal(err)
	}
}

func port() string {
	if p := os.Getenv("PORT"); p != "" {
		return p
	}
	return "8080"
}

func newMux() *http.ServeMux {
	mux := http.NewServeMux()
	mux.HandleFunc("GET /health", func(w http.ResponseWriter, r *http.Request) {
		writeJSON(w, http.StatusOK, map[string]string{"status": "ok"})
	})
	mux.HandleFunc("GET /api/convert", convert)
	return mux
}

// convert answers GET /api/convert?celsius=N with the temperature in
// Celsius, Fahrenheit and Kelvin, rounded to two decimals.
func convert(w http.ResponseWriter, r *http.Request) {
	raw := r.URL.Query().Get("celsius")
	if raw == "" {
		raw = "20"
	}
	c, err := strconv.ParseFloat(raw, 64)
	if err != nil || math.IsNaN(c) || math.IsInf(c, 0) {
		writeJSON(w, http.StatusBadRequest, map[string]string{"error": "celsius must be a number"})
		return
	}
	round := func(v float64) float64 { return math.Round(v*100) / 100 }
	writeJSON(w, http.StatusOK, map[string]any{
		"celsius":    round(c),
		"fahrenheit": round(c*9/5 + 32),
		"kelvin":     round(c + 273.15),
	})
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(v)
}

func probe(url string) error {
	client := &http.Client{Timeout: 3 * time.Second}
	resp, err := client.Get(url)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return fmt.Errorf("GET %s: %s", url, resp.Status)
	}
	return nil
}
