# Shared checks for the scripts in this folder: each names clearly what is missing, and installs
# what it can (redis-server through apt-get) when it runs as root or with sudo.

say() { printf '\033[1m[emp]\033[0m %s\n' "$*" >&2; }
die() { say "error: $*"; exit 1; }

as_root() {
  if [ "$(id -u)" = 0 ]; then "$@"
  elif command -v sudo >/dev/null 2>&1; then sudo -n "$@"
  else return 1; fi
}

require_java() {
  command -v java >/dev/null 2>&1 || die "java not found: install a JDK 17 or newer (apt-get install openjdk-17-jdk-headless)"
  local v
  v=$(java -XshowSettings:properties -version 2>&1 | awk -F'= ' '/java.specification.version/ {print $2}')
  [ "${v%%.*}" -ge 17 ] 2>/dev/null || die "java $v found; the build needs JDK 17 or newer"
}

require_maven() {
  command -v mvn >/dev/null 2>&1 || die "mvn not found: install Apache Maven 3.8+ (apt-get install maven)"
}

# redis-server 7+ is needed by the tests (they spawn their own on free ports) and by the demo.
ensure_redis_server() {
  if ! command -v redis-server >/dev/null 2>&1; then
    say "redis-server is missing; installing it with apt-get"
    as_root env DEBIAN_FRONTEND=noninteractive apt-get update -qq >/dev/null \
      && as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq redis-server >/dev/null \
      || die "could not install redis-server: install Redis 7 (apt-get install redis-server) or set REDIS_URL"
    # The Debian package starts a service on 6379; the tests never use it, the demo may.
  fi
  local major
  major=$(redis-server --version | sed -n 's/.*v=\([0-9]*\).*/\1/p')
  [ "${major:-0}" -ge 7 ] || die "redis-server $major found; Redis 7 or newer is needed (functions, XAUTOCLAIM)"
}

# Debian's chromium and chromium-driver run the web console's browser tests (e2e ConsoleBrowserE2ETest, headless,
# driven through Selenium with the system chromedriver). Installed with apt-get when missing.
ensure_chromium() {
  if ! command -v chromium >/dev/null 2>&1 || ! command -v chromedriver >/dev/null 2>&1; then
    say "chromium / chromedriver missing (the console's browser tests need them); installing with apt-get"
    as_root env DEBIAN_FRONTEND=noninteractive apt-get update -qq >/dev/null \
      && as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium chromium-driver >/dev/null \
      || die "could not install chromium: apt-get install chromium chromium-driver (Debian/Ubuntu), or skip the e2e module"
  fi
}
