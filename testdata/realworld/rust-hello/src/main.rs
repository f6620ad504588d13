//! A small HTTP service on the standard library alone (std::net): written for dockopt's
//! real-world suite, which builds without crates.io. GET /health answers `ok`, GET /
//! a JSON greeting, anything else 404. PORT (default 8080) is the port it listens on.
use std::env;
use std::io::{BufRead, BufReader, Write};
use std::net::{TcpListener, TcpStream};
use std::thread;

fn respond(mut stream: TcpStream) {
    let mut line = String::new();
    let mut reader = BufReader::new(match stream.try_clone() {
        Ok(s) => s,
        Err(_) => return,
    });
    if reader.read_line(&mut line).is_err() {
        return;
    }
    // read the headers up to the blank line
    loop {
        let mut h = String::new();
        match reader.read_line(&mut h) {
            Ok(0) => break,
            Ok(_) if h == "\r\n" || h == "\n" => break,
            Ok(_) => continue,
            Err(_) => return,
        }
    }
    let path = line.split_whitespace().nth(1).unwrap_or("/");
    let (status, ctype, body) = match path {
        "/" => ("200 OK", "application/json", format!("{{\"service\":\"rust-hello\",\"version\":\"{}\"}}\n", env!("CARGO_PKG_VERSION"))),
        "/health" => ("200 OK", "text/plain", "ok\n".to_string()),
        _ => ("404 Not Found", "text/plain", "not found\n".to_string()),
    };
    let _ = write!(
        stream,
        "HTTP/1.1 {}\r\nContent-Type: {}\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{}",
        status,
        ctype,
        body.len(),
        body
    );
}

fn main() {
    let port = env::var("PORT").unwrap_or_else(|_| "8080".to_string());
    let listener = TcpListener::bind(format!("0.0.0.0:{}", port)).expect("bind");
    println!("rust-hello listening on :{}", port);
    for stream in listener.incoming().flatten() {
        thread::spawn(move || respond(stream));
    }
}
