# The golden image of the example. A real pipeline would use a cloud or hypervisor builder and install the
# software over SSH; here the null builder stands for the machine (no communicator, nothing to boot) and a
# shell-local provisioner records what the image "contains" in a small image manifest, so the build runs
# anywhere Packer does. Written for Packer 1.6.6 (Debian's): only built-in plugins, no `packer init`.

variable "image_name" {
  description = "Name of the image; packer-build passes its image-name input (default: golden-<UTC time>)."
  type        = string
  default     = "golden-local"
}

variable "base_os" {
  type    = string
  default = "debian-12"
}

# The software the image is said to contain, as in the seeds' golden image (Docker, Node via nvm, mise, uv).
variable "docker_version" {
  type    = string
  default = "27.3.1"
}

variable "node_version" {
  type    = string
  default = "24.11.0"
}

variable "uv_version" {
  type    = string
  default = "0.5.4"
}

source "null" "golden" {
  communicator = "none"
}

build {
  sources = ["source.null.golden"]

  # Writes image-manifest.json beside the template (packer-build runs Packer in its working directory).
  provisioner "shell-local" {
    inline = [
      "echo \"building ${var.image_name} from ${var.base_os}\"",
      "printf '{\"image\":\"%s\",\"base_os\":\"%s\",\"software\":{\"docker\":\"%s\",\"node\":\"%s\",\"uv\":\"%s\"}}\\n' '${var.image_name}' '${var.base_os}' '${var.docker_version}' '${var.node_version}' '${var.uv_version}' > '${path.root}/image-manifest.json'",
      "cat '${path.root}/image-manifest.json'",
    ]
  }

  # packer-build reads this file: its custom_data lands in build-metadata.json (the report shows it).
  post-processor "manifest" {
    output     = "${path.root}/packer-manifest.json"
    strip_path = true
    custom_data = {
      image   = var.image_name
      base_os = var.base_os
      docker  = var.docker_version
      node    = var.node_version
      uv      = var.uv_version
    }
  }
}
