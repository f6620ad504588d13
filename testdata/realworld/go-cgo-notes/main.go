// Command notes is a small notes API on SQLite through github.com/mattn/go-sqlite3, a cgo
// driver: built with CGO_ENABLED=0 it compiles to a stub whose every call fails.
package main

import (
	"database/sql"
	"encoding/json"
	"log"
	"net/http"
	"os"

	_ "github.com/mattn/go-sqlite3"
)

type note struct {
	ID   int64  `json:"id"`
	Text string `json:"text"`
}

func main() {
	path := os.Getenv("NOTES_DB")
	if path == "" {
		path = "/tmp/notes.db"
	}
	db, err := sql.Open("sqlite3", path)
	if err != nil {
		log.Fatal(err)
	}
	defer db.Close()
	if _, err := db.Exec(`CREATE TABLE IF NOT EXISTS notes (id INTEGER PRIMARY KEY, text TEXT NOT NULL)`); err != nil {
		log.Fatal(err)
	}
	var version string
	if err := db.QueryRow(`SELECT sqlite_version()`).Scan(&version); err != nil {
		log.Fatal(err)
	}
	http.HandleFunc("/healthz", func(w http.ResponseWriter, r *http.Request) { w.Write([]byte("ok\n")) })
	http.HandleFunc("/version", func(w http.ResponseWriter, r *http.Request) {
		json.NewEncoder(w).Encode(map[string]string{"sqlite": version})
	})
	http.HandleFunc("/notes", func(w http.ResponseWriter, r *http.Request) {
		if r.Method == http.MethodPost {
			var n note
			if err := json.NewDecoder(r.Body).Decode(&n); err != nil || n.Text == "" {
				http.Error(w, "want {\"text\": \"...\"}", http.StatusBadRequest)
				return
			}
			res, err := db.Exec(`INSERT INTO notes (text) VALUES (?)`, n.Text)
			if err != nil {
				http.Error(w, err.Error(), http.StatusInternalServerError)
				return
			}
			n.ID, _ = res.LastInsertId()
			w.WriteHeader(http.StatusCreated)
			json.NewEncoder(w).Encode(n)
			return
		}
		rows, err := db.Query(`SELECT id, text FROM notes ORDER BY id`)
		if err != nil {
			http.Error(w, err.Error(), http.StatusInternalServerError)
			return
		}
		defer rows.Close()
		notes := []note{}
		for rows.Next() {
			var n note
			if err := rows.Scan(&n.ID, &n.Text); err != nil {
				http.Error(w, err.Error(), http.StatusInternalServerError)
				return
			}
			notes = append(notes, n)
		}
		json.NewEncoder(w).Encode(notes)
	})
	log.Printf("notes on :8080 (SQLite %s, %s)", version, path)
	log.Fatal(http.ListenAndServe(":8080", nil))
}
