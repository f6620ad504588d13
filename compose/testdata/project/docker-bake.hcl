variable "API_TARGET" {
  default = "prod"
}

group "default" {
  targets = ["api", "web"]
}

target "api" {
  context = "./api"
  target  = API_TARGET
  args = {
    PY = "3.11"
  }
}

target "web" {
  dockerfile = "web/Dockerfile.web"
}
