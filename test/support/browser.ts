// The bench drives the same Chromium (bench/dashboard), and built code cannot import test support: the launcher lives there.
export { chromiumPath, launchChromium } from '../../bench/dashboard/chromium';
