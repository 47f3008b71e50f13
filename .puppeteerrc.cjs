// Puppeteer configuration for sdcoach, read by puppeteer's install step and at run time.
// sdcoach renders diagrams with a Chrome or Chromium already on the machine (see README, "Diagrams"),
// so `npm install` never downloads a browser: that download needs Google's storage, which some
// machines (CI sandboxes, offline laptops) cannot reach, and it would fail the whole install.
// To let puppeteer fetch its own Chrome instead: PUPPETEER_SKIP_DOWNLOAD=false npm install.
module.exports = { skipDownload: true };
