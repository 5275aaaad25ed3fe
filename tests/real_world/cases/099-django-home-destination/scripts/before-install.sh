#!/bin/bash
export FOLDER=/home/ubuntu/

if [ -d $FOLDER ]
then
rm -rf $FOLDER
fi

mkdir -p $FOLDER
