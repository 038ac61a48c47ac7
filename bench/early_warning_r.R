# R surveillance on the same simulated series as `kashf alerts bench`: runs earsC (C1, C2, C3),
# farringtonFlexible (Noufaily settings of data/reference/early-warning.yaml; the nbPlugin and the muan
# threshold), cusum and glrnb (negative-binomial GLR CUSUM, mu0 and alpha from the 104 weeks before) over the last
# 104 weeks of the first N series, writes every alarm (detector,series,week; 0-based) and prints
# the run time per detector.
# Usage: Rscript bench/early_warning_r.R DIR/early-warning N OUT.csv [SHARD SHARDS [DETECTOR...]]
#   N = all: every series, in the file's order (the order `kashf alerts bench` without --limit uses);
#   SHARD SHARDS: only the series whose 0-based index is SHARD modulo SHARDS (run shards in parallel and
#   concatenate their alarms); DETECTOR...: only these (ears_c1 ears_c2 ears_c3 farrington farrington_muan
#   cusum glrnb; default all).
suppressPackageStartupMessages(library(surveillance))
args <- commandArgs(trailingOnly = TRUE)
x <- read.csv(file.path(args[1], "series.csv"), check.names = FALSE)
# The subset `kashf alerts bench --limit N` scores: the first N threat series of truth.csv and the first
# N series without a threat, in that order.
truth <- read.csv(file.path(args[1], "truth.csv"))
if (args[2] == "all") {
  cols <- seq_len(ncol(x) - 1)
} else {
  n <- as.integer(args[2])
  threat_cols <- head(match(truth$series, names(x)[-1]), n)
  quiet_cols <- head(setdiff(seq_len(ncol(x) - 1), match(truth$series, names(x)[-1])), n)
  cols <- c(threat_cols, quiet_cols)
}
shard <- if (length(args) >= 5) as.integer(args[4:5]) else c(0L, 1L)
index <- seq_along(cols) - 1  # the series number written with each alarm
keep <- index %% shard[2] == shard[1]
cols <- cols[keep]
index <- index[keep]
wanted <- if (length(args) > 5) args[-(1:5)] else c("ears_c1", "ears_c2", "ears_c3", "farrington", "farrington_muan",
                                                     "cusum", "glrnb")
n_series <- length(cols)
weeks <- nrow(x)
range <- (weeks - 103):weeks
alarms <- list()
timing <- c()
run <- function(name, f) {
  if (!(name %in% wanted)) return(invisible())
  t0 <- proc.time()
  for (i in seq_len(n_series)) {
    obj <- sts(observed = matrix(x[[cols[i] + 1]], ncol = 1), frequency = 52, start = c(2016, 1))
    a <- suppressWarnings(f(obj))
    hit <- which(a %in% TRUE)
    if (length(hit)) alarms[[length(alarms) + 1]] <<- data.frame(detector = name, series = index[i], week = hit - 1)
  }
  d <- proc.time() - t0
  timing[[name]] <<- c(d[["elapsed"]], d[["user.self"]] + d[["sys.self"]])
}
for (m in c("C1", "C2", "C3")) {
  alpha <- if (m == "C3") 0.025 else 0.001
  run(paste0("ears_", tolower(m)), function(obj) {
    r <- earsC(obj, control = list(range = range, method = m, baseline = 7, alpha = alpha))
    out <- rep(FALSE, weeks); out[range] <- as.logical(alarms(r)); out
  })
}
for (method in c("nbPlugin", "muan")) {
  run(if (method == "muan") "farrington_muan" else "farrington", function(obj) {
    fr <- range[range >= 52 * 3 + 3 + 1]
    out <- rep(FALSE, weeks)
    if (length(fr) == 0) return(out)
    r <- farringtonFlexible(obj, control = list(range = fr, b = 3, w = 3, noPeriods = 10, pastWeeksNotIncluded = 26,
                                                thresholdMethod = method, trend = TRUE, reweight = TRUE,
                                                weightsThreshold = 2.58, alpha = 0.05, limit54 = c(5, 4),
                                                glmWarnings = FALSE))
    out[fr] <- as.logical(alarms(r)); out
  })
}
run("cusum", function(obj) {
  # data/reference/early-warning.yaml: mean from the 104 weeks before the run
  y <- observed(obj)[, 1]
  sub <- sts(observed = matrix(y[(min(range) - 104):weeks], ncol = 1), frequency = 52, start = c(2016, 1))
  r <- cusum(sub, control = list(range = 105:(104 + length(range)), k = 1.04, h = 2.26, m = NULL, trans = "standard"))
  out <- rep(FALSE, weeks); out[range] <- as.logical(alarms(r)); out
})
run("glrnb", function(obj) {
  # data/reference/early-warning.yaml: mu0 the mean of the 104 weeks before the run, alpha by moments
  y <- observed(obj)[, 1]
  base <- y[(min(range) - 104):(min(range) - 1)]
  m <- mean(base)
  out <- rep(FALSE, weeks)
  if (m <= 0) return(out)
  a <- max(0, (var(base) - m) / m^2)
  r <- glrnb(obj, control = list(range = range, c.ARL = 5, mu0 = rep(m, length(range)), alpha = a, Mtilde = 1,
                                 M = -1, change = "intercept", dir = "inc", ret = "value"))
  out[range] <- as.logical(alarms(r)); out
})
write.csv(do.call(rbind, alarms), args[3], row.names = FALSE)
for (d in names(timing))
  cat(sprintf("R %s: %.2f s wall, %.2f s CPU for %d series x %d weeks\n", d, timing[[d]][1], timing[[d]][2],
              n_series, length(range)))
