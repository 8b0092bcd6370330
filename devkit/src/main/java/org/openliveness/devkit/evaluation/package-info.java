/** Accuracy metrics over labelled scores (ROC, AUC, TAR at FAR, APCER/BPCER), threshold calibration, challenge judging of pose-labelled photos, and the dev data set's file format. */
package org.openliveness.devkit.evaluation;
