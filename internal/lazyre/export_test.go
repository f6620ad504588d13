package lazyre

// Compiled returns how many expressions made with New have been compiled.
func Compiled() int {
	mu.Lock()
	defer mu.Unlock()
	n := 0
	for _, r := range all {
		if r.re != nil {
			n++
		}
	}
	return n
}
