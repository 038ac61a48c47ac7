# Runs R package `surveillance` (the reference implementation) on the fixture series in a CSV
# (one column per series, weekly, freq 52) and writes, per series, detector and time point, the
# upper bound, expected value and alarm: earsC, farringtonFlexible (nbPlugin and muan thresholds),
# cusum and glrnb. Used by src/warning/r_agreement_test.cc.
# Usage: Rscript surveillance_reference.R IN.csv OUT.csv B W NOPERIODS PASTWEEKS
suppressPackageStartupMessages(library(surveillance))
args <- commandArgs(trailingOnly = TRUE)
x <- read.csv(args[1])
b <- as.integer(args[3]); w <- as.integer(args[4])
noPeriods <- as.integer(args[5]); pastWeeks <- as.integer(args[6])
rows <- list()
add <- function(series, detector, range, upper, expected, alarm) {
  rows[[length(rows) + 1]] <<- data.frame(series = series, detector = detector, index = range - 1,
                                          upper = as.numeric(upper), expected = as.numeric(expected),
                                          alarm = as.integer(alarm))
}
for (s in names(x)) {
  y <- x[[s]]
  n <- length(y)
  obj <- sts(observed = matrix(y, ncol = 1), frequency = 52, start = c(2015, 1))
  for (m in c("C1", "C2", "C3")) {
    base <- 7
    first <- switch(m, C1 = base + 1, C2 = base + 3, C3 = base + 5)
    alpha <- if (m == "C3") 0.025 else 0.001
    r <- earsC(obj, control = list(range = first:n, method = m, baseline = base, alpha = alpha))
    add(s, paste0("ears_", tolower(m)), first:n, upperbound(r), NA, alarms(r))
  }
  first <- 52 * b + w + 1
  for (method in c("nbPlugin", "muan")) {
    r <- farringtonFlexible(obj, control = list(range = first:n, b = b, w = w, noPeriods = noPeriods,
                                                pastWeeksNotIncluded = pastWeeks, thresholdMethod = method,
                                                trend = TRUE, reweight = TRUE, weightsThreshold = 2.58,
                                                alpha = 0.05, limit54 = c(5, 4), glmWarnings = FALSE))
    add(s, if (method == "muan") "farrington_muan" else "farrington", first:n, upperbound(r),
        r@control$expected, alarms(r))
  }
  first <- 53
  r <- cusum(obj, control = list(range = first:n, k = 1.04, h = 2.26, m = NULL, trans = "standard"))
  add(s, "cusum", first:n, upperbound(r), NA, alarms(r))
  # Negative-binomial GLR CUSUM: mu0 the mean of the 104 weeks before the range, alpha by moments
  # (Poisson when the baseline is not overdispersed); upper bound = cases needed for an alarm
  # ("glrnb") and the GLR statistic ("glrnb_statistic").
  first <- 209
  base <- y[(first - 104):(first - 1)]
  m <- mean(base)
  a <- max(0, (var(base) - m) / m^2)
  ctl <- list(range = first:n, c.ARL = 5, mu0 = rep(m, n - first + 1), alpha = a, Mtilde = 1, M = -1,
              change = "intercept", dir = "inc")
  rc <- suppressMessages(glrnb(obj, control = c(ctl, ret = "cases")))
  rv <- suppressMessages(glrnb(obj, control = c(ctl, ret = "value")))
  add(s, "glrnb", first:n, upperbound(rc), rep(m, n - first + 1), alarms(rc))
  add(s, "glrnb_statistic", first:n, upperbound(rv), NA, alarms(rv))
}
write.csv(do.call(rbind, rows), args[2], row.names = FALSE, na = "NA")
