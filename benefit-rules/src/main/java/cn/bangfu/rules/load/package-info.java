/**
 * Reading rule files (YAML) into the model, with validation problems that name file, line and field.
 */
package cn.bangfu.rules.load;
