// Loads every op file so that the registry is complete. New op files are
// added here (and nowhere else).
import "./sources";
import "./unary";
import "./binary";
import "./movement";
import "./reduce";
import "./matmul";
import "./gather";
import "./conv";
import "./pool";
import "./nn";
